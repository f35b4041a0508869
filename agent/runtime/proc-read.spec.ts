import { describe, expect, it } from 'vitest';
import { containerIdFromCgroup, parsePasswd, parseProcStat } from './proc-read';

const ID = '0123456789abcdef'.repeat(4);

describe('containerIdFromCgroup', () => {
  it('reads cgroup v1 docker lines and systemd scopes', () => {
    expect(containerIdFromCgroup(`12:pids:/docker/${ID}\n11:memory:/docker/${ID}\n`)).toBe(ID);
    expect(containerIdFromCgroup(`0::/system.slice/docker-${ID}.scope\n`)).toBe(ID);
  });
  it('returns undefined for host processes and garbage', () => {
    expect(containerIdFromCgroup('12:pids:/user.slice\n0::/\n')).toBeUndefined();
    expect(containerIdFromCgroup(`1:x:/docker/${ID.slice(1)}`)).toBeUndefined();
    expect(containerIdFromCgroup('\0\0garbage')).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  it('handles comm with spaces and parentheses', () => {
    const t = '42 (a b) c)) S 7 42 42 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0';
    expect(parseProcStat(t)).toEqual({ pid: 42, comm: 'a b) c)', ppid: 7, startTime: 12345 });
  });
  it('refuses truncated or garbage text', () => {
    expect(parseProcStat('42 (x')).toBeUndefined();
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('x (y) S z')).toBeUndefined();
  });
});

describe('parsePasswd', () => {
  it('maps uids to the first name and skips malformed lines', () => {
    const users = parsePasswd(
      'root:x:0:0:root:/root:/bin/sh\nbad line\nwww:x:33:33::/var/www:/bin/false\nalias:x:0:0::/:/bin/sh\n:x:5:5::/:\n',
    );
    expect(users.get(0)).toBe('root');
    expect(users.get(33)).toBe('www');
    expect(users.size).toBe(2);
  });
});
