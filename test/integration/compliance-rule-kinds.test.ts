// Compliance rules per kind (CI, deployed images and containers, hosts) through the real `moat serve`: the upgrade of a
// console.db that held one shared list, validation at the boundary, and each list judging only its own subjects.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrationsDir } from '../../electron/db/connection';
import { SettingsRepo } from '../../electron/db/repos/settings-repo';
import { docker, requireDocker, requireRoot } from '../setup/docker-cli';
import { startServe, type ApiAnswer, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { waitFor } from '../setup/wait-for';

requireDocker();
requireRoot('host compliance reads /etc/shadow and the Docker socket');

/** The one list every compliance verdict used before migration 010. */
const shared = {
  vulnerabilityRules: [{ name: 'Org Baseline Container Vulnerability Rule', alertThreshold: 'low' }],
  complianceRules: [
    {
      name: 'Org Baseline Container Compliance Rule',
      scope: { images: ['moat-test/*'] },
      template: 'nist-800-190',
      effects: { '424': 'fail', '425': 'fail' },
    },
  ],
};

let s: ServeProcess;
let home: string;
const containers: string[] = [];

beforeAll(async () => {
  // A data directory as a Moat from before migration 010 left it (schema 9, the shared list stored).
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-comp-kinds-'));
  const old = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-mig-'));
  for (const f of fs.readdirSync(migrationsDir()))
    if (/^\d{3}-/.test(f) && Number(f.slice(0, 3)) <= 9)
      fs.copyFileSync(path.join(migrationsDir(), f), path.join(old, f));
  const db = new Database(path.join(home, 'console.db'));
  migrate(db, old);
  const settings = new SettingsRepo(db);
  settings.set('ci.policy', shared);
  // Scans run one at a time: with the daemon's images left alone, this file's own scans do not queue behind them.
  settings.set('scan.autoScanDeployed', false);
  db.close();
  fs.rmSync(old, { recursive: true, force: true });
  s = await startServe({ MOAT_HOME: home });
}, 60_000);
afterAll(async () => {
  for (const c of containers) docker('rm', '-f', c);
  await s?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

const call = (channel: string, params: unknown): Promise<ApiAnswer> => s.invoke(channel, params);
const ok = async <T>(channel: string, params: unknown): Promise<T> => (await s.call(channel, params)) as T;

interface Row {
  checkId: number;
  kind: string;
  status: string;
  effect?: string;
  outcome?: string;
}
interface HostCompliance {
  host: string;
  rule?: string;
  pass?: boolean;
  results: Row[];
}
interface Scan {
  id: number;
  status: string;
  error?: string;
  verdict?: string;
}

async function finished(scanId: number): Promise<Scan> {
  return waitFor(`scan ${scanId} to end`, 280_000, async () => {
    const scan = await ok<Scan>('scans:get', { id: scanId });
    return scan.status === 'running' ? undefined : scan;
  });
}

const bad = (r: Row): boolean => r.status === 'fail' || r.status === 'error';

describe('compliance rules per kind (moat serve)', () => {
  it('upgrading keeps the shared list as the CI list and copies it to deployed images; hosts start empty', async () => {
    expect(await ok('complianceRules:list', { kind: 'ci' })).toEqual(shared.complianceRules);
    expect(await ok('complianceRules:list', { kind: 'deployed' })).toEqual(shared.complianceRules);
    expect(await ok('complianceRules:list', { kind: 'host' })).toEqual([]);
    expect(await ok('vulnRules:list', { kind: 'ci' })).toEqual(shared.vulnerabilityRules);
    const policy = await ok<{ compliance: { name: string } }>('ci:policy', { image: IMAGE_NAMES.nodeappV1 });
    expect(policy.compliance.name).toBe('Org Baseline Container Compliance Rule');
  });

  it('refuses a malformed list, an unknown template or collection, and an unknown kind, keeping what was stored', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        { kind: 'host', rules: [{ name: 'x', effects: { '424': 'block' } }] },
        /host compliance rules: invalid rules \(complianceRules\.0\.effects\.424/,
      ],
      [
        { kind: 'host', rules: [{ name: 'x', template: 'no-such' }] },
        /unknown compliance template "no-such"/,
      ],
      [
        { kind: 'deployed', rules: [{ name: 'x', scope: { collections: ['Nope'] } }] },
        /deployed images compliance rule "x": no collection named "Nope"/,
      ],
      [{ kind: 'hosts', rules: [] }, /complianceRules:set: kind/],
      [{ kind: 'ci', rules: 'all of them' }, /ci compliance rules: invalid rules/],
    ];
    for (const [params, message] of cases) {
      const a = await call('complianceRules:set', params);
      expect(a.status, JSON.stringify(params)).toBe(400);
      expect(a.error?.message).toMatch(message);
    }
    expect(await ok('complianceRules:list', { kind: 'deployed' })).toEqual(shared.complianceRules);
    expect(await ok('complianceRules:list', { kind: 'host' })).toEqual([]);
  });

  it("the hosts list judges this host's compliance and its scan's verdict; the image lists do not", async () => {
    const unjudged = await ok<HostCompliance>('compliance:host', {});
    expect(unjudged.rule).toBeUndefined();
    expect(unjudged.results.every((r) => r.outcome === undefined)).toBe(true);
    expect(new Set(unjudged.results.map((r) => r.kind))).toEqual(new Set(['host', 'daemon']));

    const catalog = await ok<{ templates: Array<{ id: string; checks: number[] }> }>(
      'compliance:catalog',
      {},
    );
    const gdpr = new Set(catalog.templates.find((t) => t.id === 'gdpr')!.checks);
    await ok('complianceRules:set', {
      kind: 'host',
      rules: [
        { name: 'Other hosts', template: 'cis-docker-1.6', scope: { images: ['no-such-host-*'] } },
        { name: 'Org Baseline Host Compliance Rule', template: 'gdpr', defaultEffect: 'ignore' },
      ],
    });
    const ignored = await ok<HostCompliance>('compliance:host', {});
    expect(ignored).toMatchObject({
      host: os.hostname(),
      rule: 'Org Baseline Host Compliance Rule',
      pass: true,
    });
    expect(ignored.results.length).toBeGreaterThan(0);
    expect(ignored.results.length).toBeLessThan(unjudged.results.length);
    expect(ignored.results.every((r) => gdpr.has(r.checkId))).toBe(true);
    expect(ignored.results.every((r) => r.effect === 'ignore' && r.outcome === 'ok')).toBe(true);
    const first = await finished((await ok<{ scanId: number }>('hosts:scan', {})).scanId);
    expect(first.status, first.error).toBe('done');
    expect(first.verdict).toBe('pass');

    // A check this host fails (a default Docker daemon fails some CIS daemon checks, e.g. live restore) set to fail,
    // the rest ignored: the rule, not the raw result, decides what counts as failed.
    const failed = unjudged.results.find((r) => r.status === 'fail');
    expect(failed, 'a check this host fails, to judge').toBeDefined();
    await ok('complianceRules:set', {
      kind: 'host',
      rules: [{ name: 'Strict', effects: { [String(failed!.checkId)]: 'fail' }, defaultEffect: 'ignore' }],
    });
    const strict = await ok<HostCompliance>('compliance:host', {});
    expect(strict).toMatchObject({ rule: 'Strict', pass: false });
    expect(strict.results.length).toBe(unjudged.results.length);
    for (const r of strict.results)
      expect(r.outcome, String(r.checkId)).toBe(r.checkId === failed!.checkId ? 'fail' : 'ok');
    const second = await finished((await ok<{ scanId: number }>('hosts:scan', {})).scanId);
    expect(second.verdict).toBe('fail');
    // The scan's own Compliance tab shows the same judgement.
    const stored = await ok<Row[]>('scans:compliance', { id: second.id });
    expect(stored.filter((r) => r.outcome === 'fail').map((r) => r.checkId)).toEqual([failed!.checkId]);
    // The image lists were not touched by any of this.
    expect(await ok('complianceRules:list', { kind: 'deployed' })).toEqual(shared.complianceRules);
  }, 600_000);

  it('the deployed list judges images in the daemon and running containers; the CI list is left alone', async () => {
    // The migrated copy fails nodeapp:v1 on its environment secrets (424) and private key (425).
    const { scanId } = await ok<{ scanId: number }>('images:scan', { ref: IMAGE_NAMES.nodeappV1 });
    const v1 = await finished(scanId);
    expect(v1.status, v1.error).toBe('done');
    expect(v1.verdict).toBe('fail');
    const judged = await ok<Row[]>('scans:compliance', { id: scanId });
    expect(
      judged
        .filter((r) => r.outcome === 'fail')
        .map((r) => r.checkId)
        .sort(),
    ).toEqual([424, 425]);

    await ok('complianceRules:set', {
      kind: 'deployed',
      rules: [
        { name: 'Deployed busybox', scope: { images: [`${IMAGE_NAMES.busybox}*`] }, defaultEffect: 'fail' },
      ],
    });
    const again = await finished(
      (await ok<{ scanId: number }>('images:scan', { ref: IMAGE_NAMES.nodeappV1 })).scanId,
    );
    expect(again.verdict).toBe('pass');
    expect(await ok('complianceRules:list', { kind: 'ci' })).toEqual(shared.complianceRules);

    const name = `moat-comp-kinds-${process.pid}`;
    docker('run', '-d', '--name', name, '--network', 'none', IMAGE_NAMES.busybox, 'sleep', '300');
    containers.push(name);
    const listed = await waitFor('the container in the compliance list', 30_000, async () =>
      (await ok<Array<{ name: string; rule?: string; results: Row[] }>>('compliance:containers', {})).find(
        (c) => c.name === name,
      ),
    );
    expect(listed.rule).toBe('Deployed busybox');
    expect(listed.results.length).toBeGreaterThan(0);
    for (const r of listed.results) expect(r.outcome, String(r.checkId)).toBe(bad(r) ? 'fail' : 'ok');
    const one = await ok<Row[]>('compliance:container', { id: name });
    expect(one.every((r) => r.effect === 'fail')).toBe(true);
  }, 600_000);
});
