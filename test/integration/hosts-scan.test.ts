// `moat hosts scan` on this machine: its dpkg packages, matched against the Debian feed, and host compliance.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRoot } from '../setup/docker-cli';
import { testdata } from '../setup/testdata';

requireRoot('host compliance reads /etc/shadow and the Docker socket');
const BIN = path.resolve(__dirname, '../../bin/moat');
let home: string;
beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-hosts-'));
  const r = spawnSync(
    process.execPath,
    [BIN, 'feeds', 'import', testdata('feeds', 'debian-tracker', 'bookworm.json')],
    {
      encoding: 'utf8',
      env: { ...process.env, MOAT_HOME: home },
    },
  );
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('moat hosts scan', () => {
  it('reports the host OS packages dpkg knows, their Debian findings and host compliance, with exit status by threshold', () => {
    const file = path.join(home, 'host.json');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'hosts',
        'scan',
        '--format',
        'json',
        '--output-file',
        file,
        '--vulnerability-threshold',
        'critical',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, MOAT_HOME: home },
      },
    );
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      image: { ref: string; os: { family: string } };
      packages: number;
      vulnerabilities: Array<{ severity: string; package: { name: string } }>;
      compliance: Array<{ checkId: number; kind: string; status: string }>;
    };
    const dpkg = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Package}\\n'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter((l) => l.startsWith('installed '));
    expect(report.image.ref).toBe(os.hostname());
    expect(report.image.os.family).toBe('debian');
    expect(report.packages).toBe(dpkg.length);
    expect(report.compliance.some((c) => c.kind === 'daemon')).toBe(true);
    expect(report.compliance.some((c) => c.kind === 'host')).toBe(true);
    const critical = report.vulnerabilities.some((v) => v.severity === 'critical');
    expect(r.status, r.stderr).toBe(critical ? 1 : 0);
  });
});
