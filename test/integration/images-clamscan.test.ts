// `moat images scan --clamscan`: the real ClamAV clamscan over an image's layers, with a database the
// user gives (the EICAR .hdb test fixture), reported as evidence on check 422.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moatSync, type MoatRun } from '../setup/moat-cli';
import { docker, requireDocker } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { buildEicarImage } from '../setup/own-image';
import { testdata } from '../setup/testdata';

requireDocker();
const IMAGE = `moat-test/busybox-clamscan:${process.pid}`;
let home: string;
let work: string;

interface JsonReport {
  compliance: Array<{ checkId: number; status: string; evidence: string[] }>;
}

const moat = (args: string[], env: Record<string, string> = {}): MoatRun => moatSync(args, { home, env });

function check422(stdout: string): { status: string; evidence: string[] } {
  const r = JSON.parse(stdout) as JsonReport;
  const c = r.compliance.find((x) => x.checkId === 422);
  if (!c) throw new Error('report has no check 422');
  return c;
}

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-clam-home-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-clam-work-'));
  // An innocent name: nothing about the path says malware.
  buildEicarImage(IMAGE_NAMES.busybox, IMAGE, '/usr/share/misc/release-notes.txt');
});
afterAll(() => {
  if (work) docker('rmi', '-f', IMAGE);
  for (const d of [home, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe('moat images scan --clamscan', () => {
  it('reports what clamscan found, naming the signature and the layer that added the file', () => {
    const db = testdata('fixtures', 'malware', 'eicar.hdb');
    const r = moat(['images', 'scan', '--clamscan', '--clamav-db', db, '--format', 'json', IMAGE]);
    expect(r.status, r.stderr).toBe(0);
    const c = check422(r.stdout);
    expect(c.status).toBe('fail');
    const line = c.evidence.find((e) => e.startsWith('clamscan: '));
    expect(line, c.evidence.join('\n')).toMatch(
      /^clamscan: Eicar-Test-Signature\S* in layer \d+ \(.*COPY .*release-notes\.txt/,
    );
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('moat-clamav-'))).toEqual([]);
  });

  it('says nothing about clamscan without --clamscan', () => {
    const r = moat(['images', 'scan', '--format', 'json', IMAGE]);
    expect(r.status, r.stderr).toBe(0);
    const c = check422(r.stdout);
    expect(c.status).toBe('fail');
    expect(c.evidence.join('\n')).not.toMatch(/clamscan/i);
  });

  it('finds nothing in a clean image and says clamscan looked', () => {
    const db = testdata('fixtures', 'malware', 'eicar.hdb');
    const r = moat([
      'images',
      'scan',
      '--clamscan',
      '--clamav-db',
      db,
      '--format',
      'json',
      IMAGE_NAMES.busybox,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const c = check422(r.stdout);
    expect(c.status).toBe('pass');
    expect(c.evidence.join('\n')).toMatch(/clamscan \(.*eicar\.hdb\) found nothing/);
  });

  it('exits 2 naming the package when clamscan is not installed', () => {
    const empty = fs.mkdtempSync(path.join(work, 'bin-'));
    const r = moat(['images', 'scan', '--clamscan', IMAGE], { PATH: empty });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('clamscan not installed (apt-get install clamav)');
  });

  it('exits 2 naming a database path that does not exist, and --clamav-db alone is a usage error', () => {
    const missing = path.join(work, 'no-such.hdb');
    const r = moat(['images', 'scan', '--clamscan', '--clamav-db', missing, IMAGE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--clamav-db ${missing}: no such file or directory`);
    const u = moat(['images', 'scan', '--clamav-db', missing, IMAGE]);
    expect(u.status).toBe(2);
    expect(u.stderr).toContain('--clamav-db needs --clamscan');
  });

  it('gives a clear error when no database is given and the system has none', () => {
    const emptyDb = fs.mkdtempSync(path.join(work, 'db-'));
    const r = moat(['images', 'scan', '--clamscan', '--clamav-db', emptyDb, IMAGE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`clamscan found no usable signature database in ${emptyDb}`);
  });
});
