import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimSocketPath, parseGroupLine, requireGroup } from './socket-access';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-access-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('group lookup', () => {
  it('parses /etc/group lines and rejects what is not one', () => {
    expect(parseGroupLine('moat:x:998:ann,bob')).toEqual({ name: 'moat', gid: 998, members: ['ann', 'bob'] });
    expect(parseGroupLine('adm:x:4:')).toEqual({ name: 'adm', gid: 4, members: [] });
    for (const bad of ['', '# comment', 'moat:x:abc:', ':x:1:', 'moat:x'])
      expect(parseGroupLine(bad)).toBeUndefined();
  });

  it('says how to create a missing group and refuses names that are not group names', () => {
    expect(() => requireGroup('moat-no-such-group-x')).toThrow(
      /group "moat-no-such-group-x" does not exist.*groupadd --system moat-no-such-group-x.*usermod -aG moat-no-such-group-x/,
    );
    expect(() => requireGroup('a b;rm')).toThrow(/--group "a b;rm" is not a valid group name/);
    expect(() => requireGroup('')).toThrow(/not a valid group name/);
  });
});

describe('claiming the socket path', () => {
  it('creates a missing directory 0750 and leaves a free path alone', async () => {
    const sock = path.join(dir, 'run', 'agent.sock');
    await claimSocketPath(sock, process.getgid!());
    expect(fs.statSync(path.dirname(sock)).mode & 0o777).toBe(0o750);
    expect(fs.existsSync(sock)).toBe(false);
  });

  it('refuses to replace something that is not a socket', async () => {
    const file = path.join(dir, 'agent.sock');
    fs.writeFileSync(file, 'keep me');
    await expect(claimSocketPath(file, process.getgid!())).rejects.toThrow(
      /exists and is not a socket; refusing/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('refuses a directory anyone may write to without the sticky bit', async () => {
    const open = path.join(dir, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    await expect(claimSocketPath(path.join(open, 'agent.sock'), process.getgid!())).rejects.toThrow(
      /writable by everyone without the sticky bit/,
    );
    fs.chmodSync(open, 0o1777); // like /tmp: others cannot replace our files
    await expect(claimSocketPath(path.join(open, 'agent.sock'), process.getgid!())).resolves.toBeUndefined();
  });

  it('removes a stale socket nobody answers on', async () => {
    const sock = path.join(dir, 'agent.sock');
    // a server killed without cleaning up: its socket file stays, nothing listens
    const child = spawn(process.execPath, [
      '-e',
      "require('net').createServer().listen(process.argv[1], () => console.log('up'))",
      sock,
    ]);
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    expect(fs.lstatSync(sock).isSocket()).toBe(true);
    await claimSocketPath(sock, process.getgid!());
    expect(fs.existsSync(sock)).toBe(false);
  });
});
