// Pure parsers for /etc/passwd, /etc/group and /etc/shadow lines.

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]) });
  }
  return out;
}

/** gid -> group name. */
export function parseGroup(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3 && /^\d+$/.test(f[2]) && !out.has(Number(f[2]))) out.set(Number(f[2]), f[0]);
  }
  return out;
}

/** Accounts whose password field is empty (login without a password). Locked ("!", "*") are fine. */
export function emptyPasswordAccounts(shadow: string): string[] {
  const out: string[] = [];
  for (const line of shadow.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length >= 2 && f[1] === '') out.push(f[0]);
  }
  return out;
}
