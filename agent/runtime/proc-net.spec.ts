import { describe, expect, it } from 'vitest';
import { parseProcNet } from './proc-net';

const HEAD =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('parseProcNet', () => {
  it('reads an IPv4 listener and an established connection', () => {
    const t =
      HEAD +
      '   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0 100 0 0 10 0\n' +
      '   1: 0100007F:C350 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 23456 1 0 20 4 30 10 -1\n';
    expect(parseProcNet(t, 'tcp', 'ipv4')).toEqual([
      {
        proto: 'tcp',
        family: 'ipv4',
        localAddr: '0.0.0.0',
        localPort: 8080,
        remoteAddr: '0.0.0.0',
        remotePort: 0,
        state: 'listen',
        inode: 12345,
      },
      {
        proto: 'tcp',
        family: 'ipv4',
        localAddr: '127.0.0.1',
        localPort: 50000,
        remoteAddr: '127.0.0.1',
        remotePort: 80,
        state: 'established',
        inode: 23456,
      },
    ]);
  });
  it('reads IPv6 any, loopback and IPv4-mapped addresses', () => {
    const t =
      HEAD +
      '   0: 00000000000000000000000000000000:270F 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1\n' +
      '   1: 00000000000000000000000001000000:0050 0000000000000000FFFF00000100007F:1234 01 00000000:00000000 00:00000000 00000000     0        0 1000 1\n';
    const r = parseProcNet(t, 'tcp', 'ipv6');
    expect(r[0]).toMatchObject({ localAddr: '::', localPort: 9999, state: 'listen' });
    expect(r[1]).toMatchObject({ localAddr: '::1', remoteAddr: '127.0.0.1', remotePort: 0x1234 });
  });
  it('skips the header, truncated and garbage lines', () => {
    const t =
      HEAD +
      '   0: 0000:1F90\n' +
      'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage\n' +
      '   0: ZZZZZZZZ:1F90 00000000:0000 0A 0 0 0 0 0 1\n';
    expect(parseProcNet(t, 'tcp', 'ipv4')).toEqual([]);
    expect(parseProcNet('', 'udp', 'ipv6')).toEqual([]);
  });
});

describe('parseProcNet on a huge table', () => {
  it('parses 100k rows without trouble', () => {
    const row =
      '   0: 0100007F:1F90 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 1 1\n';
    const r = parseProcNet(HEAD + row.repeat(100_000), 'tcp', 'ipv4');
    expect(r).toHaveLength(100_000);
    expect(r[99_999]).toMatchObject({ localPort: 8080, remotePort: 80, state: 'established' });
  });
});
