// Pure parser of /proc/<pid>/net/{tcp,tcp6,udp,udp6}.

export type SocketState = 'listen' | 'established' | 'syn-sent' | 'other';

export interface ProcSocket {
  proto: 'tcp' | 'udp';
  family: 'ipv4' | 'ipv6';
  localAddr: string;
  localPort: number;
  remoteAddr: string;
  remotePort: number;
  state: SocketState;
  inode: number;
}

const STATES: Record<string, SocketState> = { '0A': 'listen', '01': 'established', '02': 'syn-sent' };

/** Kernel prints addresses as host-order 32-bit words in hex; on little-endian hosts each word is byte-reversed. */
function decodeAddr(hex: string, family: 'ipv4' | 'ipv6'): string | undefined {
  if (family === 'ipv4') {
    if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
    const b = Buffer.from(hex, 'hex').reverse();
    return Array.from(b).join('.');
  }
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) bytes.push(...Buffer.from(hex.slice(w * 8, w * 8 + 8), 'hex').reverse());
  if (bytes.slice(0, 10).every((x) => x === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return bytes.slice(12).join('.'); // IPv4-mapped
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::')
    .replace(/^:::/, '::')
    .replace(/:::$/, '::');
}

/** Parses one table; lines that do not parse are skipped (the kernel's header, truncation). */
export function parseProcNet(text: string, proto: 'tcp' | 'udp', family: 'ipv4' | 'ipv6'): ProcSocket[] {
  const out: ProcSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [la, lp] = (f[1] ?? '').split(':');
    const [ra, rp] = (f[2] ?? '').split(':');
    const localAddr = decodeAddr(la ?? '', family);
    const remoteAddr = decodeAddr(ra ?? '', family);
    const localPort = parseInt(lp ?? '', 16);
    const remotePort = parseInt(rp ?? '', 16);
    const inode = Number(f[9]);
    if (!localAddr || !remoteAddr || !Number.isInteger(localPort) || !Number.isInteger(remotePort)) continue;
    if (!Number.isInteger(inode)) continue;
    // UDP sockets have no LISTEN; a bound unconnected UDP socket (state 07) is its "listening" form.
    const state =
      proto === 'udp' && f[3] === '07' && remotePort === 0 ? 'listen' : (STATES[f[3] ?? ''] ?? 'other');
    out.push({ proto, family, localAddr, localPort, remoteAddr, remotePort, state, inode });
  }
  return out;
}
