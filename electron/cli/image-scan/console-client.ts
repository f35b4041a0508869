// Talks to a running console for `moat images scan --address`: fetch the CI policy, publish results.
import type { InvokeMap } from '../../contract/index';

export interface ConsoleTarget {
  address: string;
  token: string;
}

export async function invokeConsole<C extends keyof InvokeMap>(
  target: ConsoleTarget,
  channel: C,
  params: InvokeMap[C]['params'],
): Promise<InvokeMap[C]['result']> {
  let url: URL;
  try {
    url = new URL(`/api/invoke/${channel}`, target.address);
  } catch {
    throw new Error(`--address "${target.address}" is not a URL like http://127.0.0.1:8083`);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.token}` },
      body: JSON.stringify(params),
    });
  } catch (err) {
    throw new Error(
      `cannot reach the console at ${target.address}: ${(err as Error).cause ?? (err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as {
    result?: InvokeMap[C]['result'];
    error?: { message: string };
  };
  if (!res.ok || body.error) {
    const why = body.error?.message ?? `HTTP ${res.status}`;
    throw new Error(
      `console at ${target.address} refused ${channel}: ${why}${res.status === 401 ? ' (check --token / -p)' : ''}`,
    );
  }
  return body.result as InvokeMap[C]['result'];
}

/** Exchanges a user name and password for the console's token (POST /api/login), as `-u/-p` do. */
export async function loginConsole(address: string, username: string, password: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/login', address), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch (err) {
    throw new Error(
      `cannot reach the console at ${address}: ${(err as Error).cause ?? (err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: { message: string } };
  if (!res.ok || !body.token)
    throw new Error(
      `login to ${address} as ${username} failed: ${body.error?.message ?? `HTTP ${res.status}`}`,
    );
  return body.token;
}
