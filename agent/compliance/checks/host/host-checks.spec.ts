import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateHost, type ComplianceResult } from '../../evaluate';
import { fileCheck } from '../daemon/file-perms';
import { unwatched } from './113-audit-docker';
import type { HostEnv, RunResult, Runner } from './host-env';
import { emptyPasswordAccounts, parseGroup, parsePasswd } from './passwd';
import { sshdSettings } from './sshd-config';
import { worldWritable } from './9012-world-writable';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/compliance');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A writable copy of a fixture tree, with the socket stand-in and modes git cannot store. */
function hostTree(name: string, modes: Record<string, number> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `moat-host-${name}-`));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  for (const d of ['usr/bin', 'usr/sbin', 'var/run']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  fs.writeFileSync(path.join(dir, 'var/run/docker.sock'), '');
  fs.writeFileSync(path.join(dir, 'usr/bin/tool'), '#!/bin/sh\n');
  for (const [p, m] of Object.entries({
    'var/run/docker.sock': 0o660,
    'etc/docker': 0o755,
    'etc/docker/daemon.json': 0o644,
    'usr/bin/tool': 0o755,
    ...modes,
  }))
    fs.chmodSync(path.join(dir, p), m);
  return dir;
}

function runner(answers: Record<string, RunResult>): Runner {
  return async (cmd, args) =>
    answers[[cmd, ...args].join(' ')] ?? { status: null, stdout: '', stderr: `${cmd}: not found` };
}

const INFO = 'docker info --format {{json .}}';
const BRIDGE = 'docker network inspect bridge --format {{json .Options}}';
const ok = (stdout: string): RunResult => ({ status: 0, stdout, stderr: '' });

async function byId(env: HostEnv): Promise<Map<number, ComplianceResult>> {
  return new Map((await evaluateHost(env)).map((r) => [r.checkId, r]));
}

describe('insecure host fixture', () => {
  it('fails sshd, accounts, world-writable, daemon.json and socket mode checks', async () => {
    const root = hostTree('host-insecure', {
      'var/run/docker.sock': 0o666,
      'usr/bin/tool': 0o777,
      'etc/docker/daemon.json': 0o666,
    });
    const r = await byId({
      root,
      run: runner({
        [INFO]: ok(
          JSON.stringify({
            LoggingDriver: 'json-file',
            LiveRestoreEnabled: false,
            SecurityOptions: ['name=seccomp,profile=builtin'],
          }),
        ),
        [BRIDGE]: ok(JSON.stringify({ 'com.docker.network.bridge.enable_icc': 'true' })),
        'auditctl -l': ok('-w /etc/docker -p wa -k docker\n'),
      }),
    });
    const st = (id: number): string | undefined => r.get(id)?.status;
    expect(r.get(9010)).toMatchObject({ status: 'fail', evidence: ['PermitRootLogin yes'] });
    expect(r.get(9011)).toMatchObject({ status: 'fail', evidence: ['PasswordAuthentication yes'] });
    expect(r.get(9013)).toMatchObject({ status: 'fail', evidence: ['account guest has an empty password'] });
    expect(r.get(9014)).toMatchObject({ status: 'fail', evidence: ['UID 0 accounts: root, toor'] });
    expect(r.get(9012)).toMatchObject({
      status: 'fail',
      evidence: ['/etc/docker/daemon.json (mode 666)', '/usr/bin/tool (mode 777)'],
    });
    expect(r.get(316)?.evidence[0]).toMatch(/mode 0666: mode 666 is looser than 660/);
    expect(st(318)).toBe('fail');
    expect(r.get(27)).toMatchObject({
      status: 'fail',
      evidence: [
        'tcp://0.0.0.0:2375 without tlsverify (/etc/docker/daemon.json; dockerd process not visible)',
      ],
    });
    for (const id of [22, 29, 213, 214, 215, 218]) expect(st(id), `check ${id}`).toBe('fail');
    expect(st(113)).toBe('fail');
    expect(r.get(113)?.evidence).toContain('no audit watch on /usr/bin/dockerd');
  });
});

describe('hardened host fixture', () => {
  it('passes what it configures; first sshd value wins and Match blocks are ignored', async () => {
    const root = hostTree('host-hardened');
    const rules = [
      '/usr/bin/dockerd',
      '/run/containerd',
      '/var/lib/docker',
      '/etc/docker',
      '/etc/docker/daemon.json',
      '/usr/bin/containerd',
      '/usr/bin/runc',
    ]
      .map((p) => `-w ${p} -p rwxa -k docker`)
      .join('\n');
    const r = await byId({
      root,
      run: runner({
        [INFO]: ok(
          JSON.stringify({
            LoggingDriver: 'journald',
            LiveRestoreEnabled: true,
            SecurityOptions: ['name=userns'],
          }),
        ),
        'auditctl -l': ok(rules),
      }),
    });
    for (const id of [9010, 9011, 9012, 9013, 9014, 22, 27, 29, 213, 214, 215, 218, 113, 36, 316, 318]) {
      expect(r.get(id)?.status, `check ${id}: ${JSON.stringify(r.get(id))}`).toBe('pass');
    }
    expect(r.get(9011)?.evidence).toEqual(['PasswordAuthentication no']);
  });
});

describe('nothing to evaluate', () => {
  it('an empty root and no commands give not_applicable with reasons, never pass', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-host-empty-'));
    temps.push(root);
    const r = await evaluateHost({ root, run: runner({}) });
    for (const x of r.filter((x) => x.checkId !== 9012)) {
      expect(x.status, `check ${x.checkId}`).toBe('not_applicable');
      expect(x.reason).toBeTruthy();
    }
  });

  it('an invalid daemon.json is an error naming the file', async () => {
    const root = hostTree('host-hardened');
    fs.writeFileSync(path.join(root, 'etc/docker/daemon.json'), '{ "icc": fal');
    const r = await evaluateHost({ root, run: runner({ [INFO]: ok('{}') }) }, { checkIds: [22] });
    expect(r[0]).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/^\/etc\/docker\/daemon\.json is not valid JSON/),
    });
  });
});

describe('dockerd command line', () => {
  it('a -H tcp:// flag without --tlsverify fails 27 even with no daemon.json hosts', async () => {
    const root = hostTree('host-hardened');
    fs.writeFileSync(path.join(root, 'etc/docker/daemon.json'), '{}');
    fs.mkdirSync(path.join(root, 'proc/4242'), { recursive: true });
    fs.mkdirSync(path.join(root, 'proc/self'), { recursive: true });
    fs.writeFileSync(path.join(root, 'proc/4242/comm'), 'dockerd\n');
    fs.writeFileSync(
      path.join(root, 'proc/4242/cmdline'),
      ['/usr/bin/dockerd', '-H', 'fd://', '--host=tcp://0.0.0.0:2375', ''].join('\0'),
    );
    const r = await evaluateHost({ root, run: runner({ [INFO]: ok('{}') }) }, { checkIds: [27] });
    expect(r[0].status).toBe('fail');
    expect(r[0].evidence[0]).toBe(
      'tcp://0.0.0.0:2375 without tlsverify (/etc/docker/daemon.json; dockerd command line)',
    );
    fs.writeFileSync(
      path.join(root, 'proc/4242/cmdline'),
      ['dockerd', '-Htcp://0.0.0.0:2376', '--tlsverify', ''].join('\0'),
    );
    const ok2 = await evaluateHost({ root, run: runner({ [INFO]: ok('{}') }) }, { checkIds: [27] });
    expect(ok2[0].status).toBe('pass');
  });
});

describe('file ownership rule', () => {
  it('compares owner names from the tree’s own passwd/group', async () => {
    const root = hostTree('host-hardened');
    const uid = process.getuid?.() ?? 0;
    const gid = process.getgid?.() ?? 0;
    fs.appendFileSync(path.join(root, 'etc/passwd'), `me:x:${uid}:${gid}::/:/bin/sh\n`);
    fs.appendFileSync(path.join(root, 'etc/group'), `megroup:x:${gid}:\n`);
    const me =
      parsePasswd(fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8')).find((e) => e.uid === uid)?.name ??
      '';
    const env = { root, run: runner({}) };
    expect((await fileCheck(1, { path: '/etc/docker', users: [me] }).evaluate(env)).status).toBe('pass');
    const bad = await fileCheck(1, { path: '/etc/docker', users: ['someone-else'] }).evaluate(env);
    expect(bad).toMatchObject({
      status: 'fail',
      evidence: [expect.stringMatching(/owner \S+, want someone-else/)],
    });
  });
});

describe('parsers', () => {
  it('passwd, group and shadow skip malformed lines', () => {
    expect(parsePasswd('root:x:0:0::/:/bin/sh\nbad line\nx:x:notnum:0::/:\n\n')).toEqual([
      { name: 'root', uid: 0, gid: 0 },
    ]);
    expect([...parseGroup('docker:x:999:a,b\n::\n')]).toEqual([[999, 'docker']]);
    expect(emptyPasswordAccounts('a::1\nb:!:1\nc:*:1\n#d::\nnofields\n')).toEqual(['a']);
  });

  it('auditctl output: watched paths with trailing slashes count', () => {
    expect(unwatched('-w /usr/bin/dockerd/ -k d\n-w /etc/docker -k d')).not.toContain('/usr/bin/dockerd');
    expect(unwatched('No rules')).toHaveLength(7);
  });

  it('sshd Include loops and huge files stay bounded', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-sshd-'));
    temps.push(root);
    fs.mkdirSync(path.join(root, 'etc/ssh'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'etc/ssh/sshd_config'),
      'Include /etc/ssh/sshd_config\nPermitRootLogin no\n',
    );
    const s = await sshdSettings({ root, run: runner({}) });
    expect(s).toBeInstanceOf(Map);
  });

  it('world-writable ignores symlinks and sticky directories', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-ww-'));
    temps.push(root);
    fs.mkdirSync(path.join(root, 'etc/tmpish'), { recursive: true });
    fs.chmodSync(path.join(root, 'etc/tmpish'), 0o1777);
    fs.symlinkSync('/nonexistent', path.join(root, 'etc/link'));
    fs.writeFileSync(path.join(root, 'etc/open'), '');
    fs.chmodSync(path.join(root, 'etc/open'), 0o646);
    expect(await worldWritable({ root, run: runner({}) })).toEqual(['/etc/open (mode 646)']);
  });
});
