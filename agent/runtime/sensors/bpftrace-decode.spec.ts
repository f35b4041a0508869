import { describe, expect, it } from 'vitest';
import { BpftraceDecoder, swapPort, type DecodedLine } from './bpftrace-decode';
import { perfRingPages } from './bpftrace';

const line = (data: string): string => JSON.stringify({ type: 'printf', data: data + '\n' });
function events(d: DecodedLine): Array<Record<string, unknown>> {
  if (d.type !== 'events') throw new Error(`expected events, got ${d.type}`);
  return d.events as unknown as Array<Record<string, unknown>>;
}

describe('BpftraceDecoder', () => {
  it('pairs execve enter + extra argv + successful exit into one exec with the applet name', () => {
    const d = new BpftraceDecoder('h1');
    expect(
      events(d.decode(line('E\t16516\t16516\t16490\t0\tsh\t/proc/self/exe\tnc\t10.255.255.1\t4026532178'))),
    ).toEqual([]);
    d.decode(line('A\t16516\t16516\t80\t\tHOSTNAME=5f1b62432c17'));
    const [e] = events(d.decode(line('X\t16516\t16516\t0')));
    expect(e).toMatchObject({
      kind: 'exec',
      pid: 16516,
      ppid: 16490,
      uid: 0,
      exe: 'nc',
      name: 'nc',
      host: 'h1',
    });
    expect(e.argv).toEqual(['nc', '10.255.255.1', '80']);
  });
  it('drops failed execs (PATH search misses)', () => {
    const d = new BpftraceDecoder('h');
    d.decode(line('E\t5\t5\t1\t0\tsh\t/usr/sbin/ls\tls\t'));
    expect(events(d.decode(line('X\t5\t5\t-2')))).toEqual([]);
    expect(events(d.decode(line('X\t5\t5\t0')))).toEqual([]);
  });
  it('pairs an execve exit read before its enter (another CPU buffer) with the enter that follows', () => {
    const clock = { t: 1000 };
    const d = new BpftraceDecoder('h', () => clock.t);
    expect(events(d.decode(line('X\t7\t7\t0')))).toEqual([]);
    const [e] = events(d.decode(line('E\t7\t7\t1\t0\tstorm\t/storm\tx12\t1700000000000000\t4026532178')));
    expect(e).toMatchObject({ kind: 'exec', pid: 7, name: 'x12', argv: ['x12', '1700000000000000'] });
    // and the exit is used once: the next exec of the tid waits for its own exit
    expect(events(d.decode(line('E\t7\t7\t1\t0\tx12\t/bin/sh\tsh\t')))).toEqual([]);
    expect(events(d.decode(line('X\t7\t7\t0')))[0]).toMatchObject({ name: 'sh' });
    // a failed exec whose exit came first yields nothing
    d.decode(line('X\t8\t8\t-2'));
    expect(events(d.decode(line('E\t8\t8\t1\t0\tsh\t/usr/sbin/ls\tls\t')))).toEqual([]);
    // an early exit too old to belong to this enter is ignored
    d.decode(line('X\t9\t9\t0'));
    clock.t += 60_000;
    expect(events(d.decode(line('E\t9\t9\t1\t0\tsh\t/bin/ls\tls\t')))).toEqual([]);
    expect(events(d.decode(line('X\t9\t9\t0')))[0]).toMatchObject({ name: 'ls' });
  });
  it('decodes IPv4 and IPv6 connects with byte-swapped ports', () => {
    const d = new BpftraceDecoder('h');
    expect(events(d.decode(line('C\t10\t1\t0\tnc\t3\t4\t10.255.255.1\t20480\t77')))[0]).toMatchObject({
      kind: 'connect',
      addr: '10.255.255.1',
      port: 80,
      family: 'ipv4',
      mntns: 77,
    });
    expect(events(d.decode(line('C\t10\t1\t0\tpy\t3\t6\t::1\t256')))[0]).toMatchObject({
      addr: '::1',
      port: 1,
      family: 'ipv6',
    });
  });
  it('joins bind and listen into a listen with the port', () => {
    const d = new BpftraceDecoder('h');
    d.decode(line('B\t16150\t3\t6\t::\t3879'));
    expect(events(d.decode(line('L\t16150\t16119\t0\tnc\t3')))[0]).toMatchObject({
      kind: 'listen',
      port: 9999,
      addr: '::',
    });
    expect(events(d.decode(line('L\t16150\t16119\t0\tnc\t4')))[0].port).toBeUndefined();
  });
  it('decodes a DNS question and file writes', () => {
    const d = new BpftraceDecoder('h');
    const dns = 'D\t7\t1\t0\tnslookup\t29\t5\t\\x07example\\x03com\\x00\\x00\\x01';
    expect(events(d.decode(line(dns)))[0]).toMatchObject({ kind: 'dns', query: 'example.com', mntns: 5 });
    expect(events(d.decode(line('F\t7\t1\t0\tsh\tcreate\t/x\t\t9')))[0]).toMatchObject({
      kind: 'file-write',
      op: 'create',
      path: '/x',
    });
    expect(events(d.decode(line('F\t7\t1\t0\tmv\trename\t/b\t/a')))[0]).toMatchObject({
      op: 'rename',
      path: '/b',
      detail: 'from /a',
    });
  });
  it('reports lost events and attach notices', () => {
    const d = new BpftraceDecoder('h');
    expect(d.decode('{"type": "lost_events", "data": {"events": 12}}')).toEqual({ type: 'lost', count: 12 });
    expect(d.decode('Lost 7 events')).toEqual({ type: 'lost', count: 7 });
    expect(d.decode('{"type": "attached_probes", "data": {"probes": 19}}')).toEqual({
      type: 'attached',
      probes: 19,
    });
  });
  it('answers hostile lines with an error naming the problem, never a throw', () => {
    const d = new BpftraceDecoder('h');
    expect(d.decode('{"type": "printf", "data": "C\\tx')).toMatchObject({ type: 'error' });
    expect(d.decode(line('C\tabc\t1\t0\tnc\t3\t4\t1.2.3.4\t1'))).toMatchObject({
      type: 'error',
      message: expect.stringContaining('pid'),
    });
    expect(d.decode(line('Z\t1'))).toMatchObject({
      type: 'error',
      message: expect.stringContaining('unknown tag'),
    });
    expect(d.decode(line('F\t1\t1\t0\tsh\tchmod\t/x\t'))).toMatchObject({ type: 'error' });
    expect(d.decode('null')).toMatchObject({ type: 'error' });
    expect(d.decode('{"type": "printf", "data": 5}')).toEqual({ type: 'ignored' });
    expect(d.decode(line('E\t' + '9'.repeat(100000)))).toMatchObject({ type: 'error' });
  });
  it('keeps bounded state when exits never arrive', () => {
    const d = new BpftraceDecoder('h');
    for (let i = 0; i < 10_000; i++) d.decode(line(`E\t${i}\t${i}\t1\t0\tsh\t/bin/x\tx\t`));
    expect(events(d.decode(line('X\t9999\t9999\t0')))).toHaveLength(1);
    expect(events(d.decode(line('X\t1\t1\t0')))).toEqual([]);
  });
  it('reads exits with their namespace', () => {
    const d = new BpftraceDecoder('h');
    expect(events(d.decode(line('Q\t9\t1\t0\ttop\t4026532178')))[0]).toMatchObject({
      kind: 'exit',
      pid: 9,
      name: 'top',
      mntns: 4026532178,
    });
  });
  it('swaps ports', () => {
    expect(swapPort(0x5000)).toBe(80);
    expect(swapPort(0x3500)).toBe(53);
  });
});

describe('perfRingPages', () => {
  it('gives bpftrace a larger ring per CPU within a fixed budget, as a power of two from 64 to 1024', () => {
    expect(perfRingPages(1)).toBe(1024);
    expect(perfRingPages(2)).toBe(1024);
    expect(perfRingPages(16)).toBe(512);
    expect(perfRingPages(64)).toBe(128);
    expect(perfRingPages(1024)).toBe(64);
    expect(perfRingPages(0)).toBe(1024);
  });
});
