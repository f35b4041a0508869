import { describe, expect, it } from 'vitest';
import { parseCustomCheck } from './custom-check';
import { customRunArgs } from './run-custom';

describe('parseCustomCheck', () => {
  const good = { id: 9100, name: 'n', description: 'd', severity: 'high', script: 'exit 0' };
  it('accepts a valid check and defaults the description', () => {
    expect(parseCustomCheck(good, 'c')).toEqual(good);
    const { description: _d, ...noDesc } = good;
    expect(parseCustomCheck(noDesc, 'c').description).toBe('');
  });

  it.each([
    [{ ...good, id: 42 }, /c: invalid custom check \(id:/],
    [{ ...good, id: 9001 }, /c: custom check id 9001 is taken by a built-in check/],
    [{ ...good, severity: 'urgent' }, /severity/],
    [{ ...good, script: '' }, /script/],
    [{ ...good, script: 'x'.repeat(70_000) }, /script/],
    [null, /root/],
    ['text', /root/],
  ])('refuses %j', (raw, err) => {
    expect(() => parseCustomCheck(raw, 'c')).toThrow(err);
  });
});

describe('customRunArgs', () => {
  it('pins the lock-down flags and mounts the script read-only', () => {
    const a = customRunArgs('n1', '/tmp/x/check.sh', 'img:1').join(' ');
    for (const f of [
      '--rm',
      '--network none',
      '--read-only',
      '--cap-drop ALL',
      '--security-opt no-new-privileges',
      '--memory 64m',
      '--pids-limit 64',
      '-v /tmp/x/check.sh:/moat-check/check.sh:ro',
      '--entrypoint sh img:1 /moat-check/check.sh',
    ])
      expect(a).toContain(f);
  });
});
