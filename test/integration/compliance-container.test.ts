// Container checks over real `docker inspect` output of deliberately insecure and locked-down containers.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateContainer, type ComplianceResult } from '../../agent/compliance/evaluate';
import { docker, requireDocker } from '../setup/docker-cli';
import { testImages } from '../setup/images-env';

requireDocker();
const images = testImages();
const tag = `moat-cc-${process.pid}`;
const started: string[] = [];

/**
 * Run the container; where this host's runtime refuses it (a sandboxed daemon cannot grant
 * --privileged), create it without starting: inspect still reports the full HostConfig.
 */
function start(name: string, ...flags: string[]): string {
  const full = `${tag}-${name}`;
  started.push(full);
  const args = [
    '--name',
    full,
    '--label',
    'moat.test=compliance',
    ...flags,
    images.busybox.ref,
    'sleep',
    '300',
  ];
  const run = spawnSync('docker', ['run', '-d', ...args], { encoding: 'utf8' });
  if (run.status !== 0) {
    if (!/operation not permitted|permission denied/i.test(run.stderr))
      throw new Error(`docker run ${full}: ${run.stderr}`);
    docker('rm', '-f', full);
    docker('create', ...args);
  }
  return full;
}

async function statuses(name: string): Promise<Map<number, ComplianceResult>> {
  const inspect: unknown = JSON.parse(docker('inspect', name));
  const results = await evaluateContainer(inspect);
  return new Map(results.map((r) => [r.checkId, r]));
}

const names: Record<string, string> = {};
beforeAll(() => {
  names.privileged = start('privileged', '--privileged');
  names.socket = start('socket', '-v', '/var/run/docker.sock:/var/run/docker.sock');
  names.hostnet = start('hostnet', '--network', 'host');
  names.netadmin = start('netadmin', '--cap-add', 'NET_ADMIN', '-p', '18081:80');
  names.locked = start(
    'locked',
    '--read-only',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '--memory',
    '64m',
    '--cpus',
    '0.5',
    '--user',
    '1000',
    '--network',
    'none',
  );
});
afterAll(() => {
  for (const n of started) docker('rm', '-f', n);
});

describe('container checks', () => {
  it('privileged container fails 54 and 521', async () => {
    const r = await statuses(names.privileged);
    expect(r.get(54)?.status).toBe('fail');
    expect(r.get(521)?.status).toBe('fail');
    expect(r.get(599)?.status).toBe('fail');
  });

  it('docker.sock mount fails 531 and 55', async () => {
    const r = await statuses(names.socket);
    expect(r.get(531)).toMatchObject({
      status: 'fail',
      evidence: ['/var/run/docker.sock -> /var/run/docker.sock'],
    });
    expect(r.get(55)?.status).toBe('fail');
    expect(r.get(54)?.status).toBe('pass');
  });

  it('host network fails 59 and not the default-bridge check', async () => {
    const r = await statuses(names.hostnet);
    expect(r.get(59)?.status).toBe('fail');
    expect(r.get(529)?.status).toBe('pass');
  });

  it('NET_ADMIN with a port on all interfaces fails 53, 513 and 529', async () => {
    const r = await statuses(names.netadmin);
    expect(r.get(53)?.status).toBe('fail');
    expect(r.get(53)?.evidence).toEqual([expect.stringMatching(/^CapAdd: (CAP_)?NET_ADMIN$/)]);
    expect(r.get(513)?.status).toBe('fail');
    expect(r.get(513)?.evidence[0]).toMatch(/^80\/tcp published on 0\.0\.0\.0:18081$/);
    expect(r.get(529)?.status).toBe('fail');
    expect(r.get(59)?.status).toBe('pass');
  });

  it('the locked-down container passes what it configures', async () => {
    const r = await statuses(names.locked);
    for (const id of [53, 54, 55, 59, 510, 511, 512, 513, 515, 516, 520, 521, 525, 529, 531, 599]) {
      expect(r.get(id)?.status, `check ${id}: ${JSON.stringify(r.get(id))}`).toBe('pass');
    }
    expect(r.get(510)?.evidence).toEqual([`memory limit ${64 * 1024 * 1024} bytes`]);
    expect(r.get(599)?.evidence).toEqual(['User 1000']);
  });

  it('every other container fails the limits and hardening checks the locked one passes', async () => {
    for (const n of [names.privileged, names.socket, names.hostnet, names.netadmin]) {
      const r = await statuses(n);
      for (const id of [510, 511, 512, 525, 599]) expect(r.get(id)?.status, `${n} check ${id}`).toBe('fail');
    }
  });

  it('AppArmor is judged or declared not applicable with a reason, never silently passed', async () => {
    const r = (await statuses(names.locked)).get(51);
    expect(['pass', 'not_applicable']).toContain(r?.status);
    if (r?.status === 'not_applicable') expect(r.reason).toMatch(/AppArmor/);
    else expect(r?.evidence[0]).toMatch(/^AppArmor profile /);
  });
});
