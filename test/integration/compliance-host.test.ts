// Host and daemon checks on this machine, compared with what the test reads itself.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateHost, type ComplianceResult } from '../../agent/compliance/evaluate';
import { realHost } from '../../agent/compliance/checks/host/host-env';
import { requireDocker } from '../setup/docker-cli';

requireDocker();
let results: Map<number, ComplianceResult>;
beforeAll(async () => {
  const list = await evaluateHost(realHost());
  results = new Map(list.map((r) => [r.checkId, r]));
}, 120_000);

function result(id: number): ComplianceResult {
  const r = results.get(id);
  if (!r) throw new Error(`no result for check ${id}`);
  return r;
}

describe('host checks agree with the test reading the host itself', () => {
  it('every result is explained: evidence for pass/fail, a reason otherwise', () => {
    expect(results.size).toBeGreaterThanOrEqual(19);
    for (const r of results.values()) {
      if (r.status === 'pass' || r.status === 'fail')
        expect(r.evidence.length, `check ${r.checkId}`).toBeGreaterThan(0);
      else expect(r.reason, `check ${r.checkId}`).toBeTruthy();
    }
  });

  it('9014 duplicate UID 0', () => {
    const zero = fs
      .readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter((l) => l.split(':')[2] === '0')
      .map((l) => l.split(':')[0]);
    const ok = zero.length === 1 && zero[0] === 'root';
    expect(result(9014).status).toBe(ok ? 'pass' : 'fail');
    expect(result(9014).evidence[0]).toBe(`UID 0 accounts: ${zero.join(', ')}`);
  });

  it('9013 empty passwords', () => {
    let shadow: string | null = null;
    try {
      shadow = fs.readFileSync('/etc/shadow', 'utf8');
    } catch {
      shadow = null;
    }
    if (shadow === null) {
      expect(result(9013).status).toBe('not_applicable');
      return;
    }
    const empty = shadow.split('\n').filter((l) => l.includes(':') && l.split(':')[1] === '');
    expect(result(9013).status).toBe(empty.length > 0 ? 'fail' : 'pass');
  });

  it('316 docker.sock mode and 315 ownership', () => {
    const st = fs.statSync('/var/run/docker.sock');
    expect(result(316).status).toBe((st.mode & 0o117) === 0 ? 'pass' : 'fail');
    expect(result(316).evidence[0]).toContain(`mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')}`);
    expect(result(315).evidence[0]).toMatch(/^\/var\/run\/docker\.sock \S+:\S+ mode/);
  });

  it('317/318 daemon.json and 35/36 /etc/docker follow the files present', () => {
    for (const [id, p] of [
      [317, '/etc/docker/daemon.json'],
      [318, '/etc/docker/daemon.json'],
      [35, '/etc/docker'],
      [36, '/etc/docker'],
    ] as const) {
      if (!fs.existsSync(p))
        expect(result(id)).toMatchObject({
          status: 'not_applicable',
          reason: `${p} does not exist on this host`,
        });
      else expect(['pass', 'fail']).toContain(result(id).status);
    }
  });

  it('214 live-restore matches docker info', () => {
    const live = execFileSync('docker', ['info', '--format', '{{.LiveRestoreEnabled}}'], {
      encoding: 'utf8',
    }).trim();
    expect(result(214).status).toBe(live === 'true' ? 'pass' : 'fail');
  });

  it('213 log driver matches docker info', () => {
    const d = execFileSync('docker', ['info', '--format', '{{.LoggingDriver}}'], { encoding: 'utf8' }).trim();
    expect(result(213).evidence.join(' ')).toContain(d);
  });

  it('9010/9011 follow sshd_config presence', () => {
    const present = fs.existsSync('/etc/ssh/sshd_config');
    for (const id of [9010, 9011]) {
      if (present) expect(['pass', 'fail']).toContain(result(id).status);
      else expect(result(id).status).toBe('not_applicable');
    }
  });

  it('113 follows auditctl availability', () => {
    const r = spawnSync('auditctl', ['-l'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) expect(result(113).status).toBe('not_applicable');
    else expect(['pass', 'fail']).toContain(result(113).status);
  });

  it('27 reads the running dockerd command line when it is visible', () => {
    const pid = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'dockerd';
        } catch {
          return false;
        }
      });
    const ev = result(27).evidence.join(' ');
    if (pid === undefined) {
      expect(ev).toContain('dockerd process not visible');
      return;
    }
    expect(ev).toContain('dockerd command line');
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (argv.includes('tcp://')) expect(ev).toMatch(/tcp:\/\//);
    else if (!fs.existsSync('/etc/docker/daemon.json')) expect(result(27).status).toBe('pass');
  });

  it('9012 world-writable agrees with find(1) on /usr/bin', () => {
    const r = spawnSync('find', ['/usr/bin', '-xdev', '-maxdepth', '1', '-type', 'f', '-perm', '-0002'], {
      encoding: 'utf8',
    });
    const found = r.stdout.split('\n').filter(Boolean);
    const ev = result(9012).evidence.join('\n');
    for (const f of found) expect(ev).toContain(f);
    if (found.length > 0) expect(result(9012).status).toBe('fail');
  });
});
