// The only code that talks to the console: window.moat under Electron, HTTP + WebSocket in web mode.
import type {
  ApiErrorBody,
  Channel,
  ConsoleApi,
  EventMap,
  InvokeMap,
  Topic,
} from '../../../electron/contract/index';

declare global {
  interface Window {
    moat?: ConsoleApi;
  }
}

type Listener = (payload: unknown) => void;

class WebClient implements ConsoleApi {
  private socket?: WebSocket;
  private readonly listeners = new Map<string, Set<Listener>>();
  private retryMs = 500;

  async invoke<C extends Channel>(
    channel: C,
    params: InvokeMap[C]['params'],
  ): Promise<InvokeMap[C]['result']> {
    const res = await fetch(`/api/invoke/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(params ?? {}),
    });
    const body = (await res.json()) as { result: InvokeMap[C]['result'] } | ApiErrorBody;
    if ('error' in body) throw new Error(body.error.message);
    return body.result;
  }

  on<T extends Topic>(topic: T, listener: (payload: EventMap[T]) => void): () => void {
    this.connect();
    const set = this.listeners.get(topic) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(topic, set);
    return () => set.delete(listener as Listener);
  }

  private connect(): void {
    if (this.socket) return;
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/events`);
    this.socket = ws;
    ws.onopen = () => {
      this.retryMs = 500;
      this.dispatch('connection', true);
    };
    ws.onmessage = (m) => {
      const { topic, payload } = JSON.parse(String(m.data)) as { topic: string; payload: unknown };
      this.dispatch(topic, payload);
    };
    ws.onclose = () => {
      this.socket = undefined;
      this.dispatch('connection', false);
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  private dispatch(topic: string, payload: unknown): void {
    this.listeners.get(topic)?.forEach((l) => l(payload));
  }
}

export const api: ConsoleApi = window.moat ?? new WebClient();

/** Where web mode streams a consistent backup of console.db (a plain download, not an API call). */
export const backupUrl: string | undefined = window.moat ? undefined : '/api/backup/console.db';
