// Fills a console.db with synthetic but well-formed scans, findings, models and audits, in a few big transactions.
import { createHash } from 'node:crypto';
import type { Db } from '../electron/db/connection';

export interface SeedSpec {
  images: number;
  findingsPerImage: number;
  ciScans: number;
  hostScans: number;
  models: number;
  audits: number;
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'negligible'];
const PACKAGES_PER_SCAN = 50;

export function imageIdOf(i: number): string {
  return `sha256:${createHash('sha256').update(`bench-image-${i}`).digest('hex')}`;
}

export function seedConsoleDb(db: Db, spec: SeedSpec): { sampleScanId: number } {
  const now = new Date().toISOString();
  const layers = JSON.stringify([
    {
      index: 0,
      diffId: 'sha256:' + '0'.repeat(64),
      createdBy: 'ADD rootfs.tar /',
      size: 1,
      packagesAdded: 40,
    },
    {
      index: 1,
      diffId: 'sha256:' + '1'.repeat(64),
      createdBy: 'RUN apt-get install -y app',
      size: 1,
      packagesAdded: 10,
    },
  ]);
  const image = JSON.stringify({
    user: 'root',
    entrypoint: ['/app'],
    cmd: [],
    exposedPorts: [],
    labels: {},
    env: [],
  });
  const scan = db.prepare(
    `INSERT INTO scans(kind, image_id, ref, started_at, finished_at, status, os_family, os_release, os_name, image_json,
       layers_json, source_host, source_user, verdict)
     VALUES (?, ?, ?, ?, ?, 'done', 'debian', '12', 'Debian GNU/Linux 12', ?, ?, ?, ?, ?)`,
  );
  const pkg = db.prepare(
    `INSERT INTO scan_packages(scan_id, idx, name, version, ecosystem, purl, found_in, layer_index)
     VALUES (?, ?, ?, ?, 'debian', ?, '/var/lib/dpkg/status', ?)`,
  );
  const vuln = db.prepare(
    `INSERT INTO scan_vulns(scan_id, package_idx, vuln_id, severity, cvss_score, fixed_in, status, description, feed,
       feed_imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'synthetic finding for the list bench', 'debian', ?)`,
  );
  const check = db.prepare(
    `INSERT INTO scan_compliance(scan_id, check_id, title, severity, status) VALUES (?, ?, ?, 'high', ?)`,
  );
  const addScan = (kind: string, i: number, findings: number): number => {
    const id = Number(
      scan.run(
        kind,
        kind === 'host' ? null : imageIdOf(i),
        kind === 'host' ? `bench-host-${i}` : `bench/app-${i}:1.0`,
        now,
        now,
        image,
        layers,
        kind === 'ci' ? 'ci-runner' : null,
        kind === 'ci' ? 'learner' : null,
        kind === 'ci' ? (i % 3 === 0 ? 'fail' : 'pass') : null,
      ).lastInsertRowid,
    );
    for (let p = 0; p < PACKAGES_PER_SCAN; p++) {
      pkg.run(id, p, `lib${p}`, `1.${p}.0-1`, `pkg:deb/debian/lib${p}@1.${p}.0-1`, p < 40 ? 0 : 1);
    }
    for (let f = 0; f < findings; f++) {
      const p = f % PACKAGES_PER_SCAN;
      vuln.run(
        id,
        p,
        `CVE-2024-${(i * 7 + f) % 100000}`,
        SEVERITIES[f % SEVERITIES.length],
        (f % 10) + 0.5,
        f % 2 ? `1.${p}.1-1` : null,
        f % 2 ? 'fixed' : 'open',
        now,
      );
    }
    for (let c = 0; c < 5; c++) check.run(id, 400 + c, `check ${400 + c}`, c % 2 ? 'fail' : 'pass');
    return id;
  };
  let sampleScanId = 0;
  db.transaction(() => {
    for (let i = 0; i < spec.images; i++) {
      const id = addScan('deployed', i, spec.findingsPerImage);
      if (i === Math.floor(spec.images / 2)) sampleScanId = id;
    }
    for (let i = 0; i < spec.ciScans; i++) addScan('ci', i, 10);
    for (let i = 0; i < spec.hostScans; i++) addScan('host', i, 10);
  })();
  const model = db.prepare(
    `INSERT INTO models(id, image, state, learning_started_at, processes, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const audit = db.prepare(
    `INSERT INTO audits(audit_key, kind, what, container, image, process, rule, count, first_seen, last_seen)
     VALUES (?, 'process', ?, ?, ?, ?, 'process not in model', ?, ?, ?)`,
  );
  db.transaction(() => {
    const procs = JSON.stringify([{ path: '/app', name: 'app', parent: 'containerd-shim', user: 'root' }]);
    for (let i = 0; i < spec.models; i++) {
      model.run(`bench/app-${i}:1.0`, `bench/app-${i}:1.0`, i % 4 ? 'active' : 'learning', now, procs, now);
    }
    const t0 = Date.now() - spec.audits * 1000;
    for (let i = 0; i < spec.audits; i++) {
      const t = new Date(t0 + i * 1000).toISOString();
      const m = i % spec.models;
      audit.run(
        `k${i}`,
        `/usr/bin/proc-${i % 500}`,
        `c${m}`,
        `bench/app-${m}:1.0`,
        `proc-${i % 500}`,
        1 + (i % 3),
        t,
        t,
      );
    }
  })();
  return { sampleScanId };
}
