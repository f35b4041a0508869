// The shipped unit and sysusers snippet must agree with the agent's defaults (socket directory, group, command).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP, DEFAULT_SOCKET } from '../../agent/local/protocol';

const read = (f: string): string => fs.readFileSync(path.join(__dirname, f), 'utf8');

function directives(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('[')) continue;
    const eq = t.indexOf('=');
    m.set(t.slice(0, eq), t.slice(eq + 1));
  }
  return m;
}

describe('resources/systemd', () => {
  it('runs the local agent with the default socket directory', () => {
    const unit = directives(read('moat-agent.service'));
    expect(unit.get('ExecStart')).toMatch(/\/moat agent --local$/);
    expect(`/run/${unit.get('RuntimeDirectory')}`).toBe(path.dirname(DEFAULT_SOCKET));
    expect(unit.get('RuntimeDirectoryMode')).toBe('0750');
    expect(unit.get('Restart')).toBe('on-failure');
    expect(unit.get('WantedBy')).toBe('multi-user.target');
  });

  it('creates the default group', () => {
    const lines = read('moat-sysusers.conf')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(lines).toEqual([`g ${DEFAULT_GROUP} -`]);
  });
});
