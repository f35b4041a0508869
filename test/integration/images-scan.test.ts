// `moat images scan` end to end on the test images, as a workshop learner and a CI pipeline run it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moatSync, type MoatRun } from '../setup/moat-cli';
import { docker, requireDocker } from '../setup/docker-cli';
import { IMAGE_NAMES } from '../setup/test-images';
import { testImages } from '../setup/images-env';
import { buildEicarImage } from '../setup/own-image';
import { testdata } from '../setup/testdata';
import { cycloneDxErrors, spdxErrors } from '../fixtures/sbom/validate-sbom';
import { startServe, type ServeProcess } from '../setup/serve-process';

requireDocker();
let home: string;
let work: string;
const EICAR_IMAGE = `moat-test/nodeapp-eicar:${process.pid}`;

const moat = (args: string[], env: Record<string, string> = {}): MoatRun => moatSync(args, { home, env });

const WORKSHOP_POLICY = {
  compliance: {
    template: 'nist-800-190',
    effects: { '422': 'fail', '424': 'fail', '425': 'fail', '9001': 'fail' },
    customChecks: [
      {
        id: 9001,
        name: 'Sensitive File Check',
        description: 'Checks for sensitive file on container image',
        severity: 'high',
        script: 'if [ -f /tmp/sensitive.txt ]; then\n    echo "File found!"\n    exit 1\nfi\n',
      },
    ],
  },
};

interface JsonReport {
  vulnerabilities: Array<{ id: string; fixedIn?: string; verdict: string; package: { name: string } }>;
  compliance: Array<{ checkId: number; status: string; verdict: string; evidence: string[] }>;
  vulnerabilityThreshold: { result: string };
  complianceThreshold: { result: string };
}

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-scan-home-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-scan-work-'));
  fs.writeFileSync(path.join(work, 'policy.json'), JSON.stringify(WORKSHOP_POLICY));
  const r = moat([
    'feeds',
    'import',
    testdata('feeds', 'debian-tracker', 'bookworm.json'),
    testdata('feeds', 'osv', 'npm'),
  ]);
  expect(r.status, r.stderr).toBe(0);
  buildEicarImage(IMAGE_NAMES.nodeappV1, EICAR_IMAGE, '/app/eicar.com');
});
afterAll(() => {
  if (work) docker('rmi', '-f', EICAR_IMAGE);
  for (const d of [home, work]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

const failedChecks = (r: JsonReport): number[] =>
  r.compliance
    .filter((c) => c.verdict === 'fail')
    .map((c) => c.checkId)
    .sort((a, b) => a - b);

describe('moat images scan', () => {
  it('fails moat-test/debian-vuln on a Medium vulnerability threshold, twistcli style', () => {
    const r = moat(['images', 'scan', IMAGE_NAMES.debianVuln, '--vulnerability-threshold', 'medium']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain(`Scan results for: image ${IMAGE_NAMES.debianVuln}`);
    expect(r.stdout).toMatch(/^Vulnerability threshold check results: FAIL$/m);
    expect(r.stdout).toMatch(/^Compliance threshold check results: PASS$/m);
  });

  it('with --only-fixed passes only when every finding lacks a fix (as the data says)', () => {
    const all = JSON.parse(
      moat(['images', 'scan', IMAGE_NAMES.debianVuln, '--format', 'json']).stdout,
    ) as JsonReport;
    expect(all.vulnerabilities.length).toBeGreaterThan(0);
    const everyLacksFix = all.vulnerabilities.every((v) => !v.fixedIn);
    const r = moat([
      'images',
      'scan',
      IMAGE_NAMES.debianVuln,
      '--vulnerability-threshold',
      'medium',
      '--only-fixed',
    ]);
    expect(r.status).toBe(everyLacksFix ? 0 : 1);
  });

  it('applies the workshop compliance rule: nodeapp:v1 fails exactly 424, 425 and the custom check; v2 and busybox pass', () => {
    const policy = path.join(work, 'policy.json');
    const v1 = moat(['images', 'scan', IMAGE_NAMES.nodeappV1, '--policy', policy, '--format', 'json']);
    expect(v1.status, v1.stderr).toBe(1);
    const r1 = JSON.parse(v1.stdout) as JsonReport;
    expect(failedChecks(r1)).toEqual([424, 425, 9001]);
    const env = r1.compliance.find((c) => c.checkId === 424)!.evidence.join(' ');
    expect(env).toContain('CLIENT_ID');
    expect(env).toContain('SECRET_KEY');
    expect(env).not.toContain('~DUUvI~gbnZ_~~zrj3J4i83q69vuJGczn0');
    for (const ref of [IMAGE_NAMES.nodeappV2, IMAGE_NAMES.busybox]) {
      const r = moat(['images', 'scan', ref, '--policy', policy, '--format', 'json']);
      expect(r.status, `${ref}: ${r.stderr}`).toBe(0);
      expect(failedChecks(JSON.parse(r.stdout) as JsonReport)).toEqual([]);
    }
  });

  it('fails "Image contains malware" when the EICAR file is added', () => {
    const r = moat([
      'images',
      'scan',
      EICAR_IMAGE,
      '--policy',
      path.join(work, 'policy.json'),
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    expect(failedChecks(JSON.parse(r.stdout) as JsonReport)).toEqual([422, 424, 425, 9001]);
  });

  it('honours an ignore file: a live exception passes, an expired one does not', () => {
    const live = path.join(work, 'live.txt');
    const expired = path.join(work, 'expired.txt');
    fs.writeFileSync(live, '* package=minimist expires=2999-01-01 # waiting for the upgrade\n');
    fs.writeFileSync(expired, '* package=minimist expires=2000-01-01\n');
    const base = ['images', 'scan', IMAGE_NAMES.nodeappV2, '--vulnerability-threshold', 'low'];
    expect(moat(base).status).toBe(1);
    expect(moat([...base, '--ignore-file', live]).status).toBe(0);
    expect(moat([...base, '--ignore-file', expired]).status).toBe(1);
  });

  it('writes SARIF, JUnit, CycloneDX (with findings) and SPDX that validate', () => {
    const archive = testImages().nodeappV1.archive;
    const out = (fmt: string): string => {
      const file = path.join(work, `out.${fmt}`);
      const r = moat(['images', 'scan', archive, '--format', fmt, '--output-file', file]);
      expect(r.status, r.stderr).toBe(0);
      return fs.readFileSync(file, 'utf8');
    };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const sarifSchema = ajv.compile(
      JSON.parse(
        fs.readFileSync(
          path.resolve(__dirname, '../fixtures/sarif/sarif-2.1.0-required.schema.json'),
          'utf8',
        ),
      ),
    );
    const sarif = JSON.parse(out('sarif')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarifSchema(sarif), JSON.stringify(sarifSchema.errors)).toBe(true);
    expect(sarif.runs[0].results.map((x) => x.ruleId)).toEqual(
      expect.arrayContaining(['CVE-2021-44906', 'CVE-2020-7598']),
    );

    const junitFile = path.join(work, 'out.junit');
    out('junit');
    execFileSync('xmllint', ['--noout', junitFile]);
    const json = JSON.parse(moat(['images', 'scan', archive, '--format', 'json']).stdout) as JsonReport;
    const cases = (fs.readFileSync(junitFile, 'utf8').match(/<testcase /g) ?? []).length;
    expect(cases).toBe(json.vulnerabilities.length + json.compliance.length);

    const cdx = JSON.parse(out('cyclonedx')) as {
      vulnerabilities: Array<{ id: string; affects: unknown[] }>;
    };
    expect(cycloneDxErrors(cdx)).toEqual([]);
    expect(cdx.vulnerabilities.map((v) => v.id).sort()).toEqual(json.vulnerabilities.map((v) => v.id).sort());
    expect(spdxErrors(JSON.parse(out('spdx')))).toEqual([]);
  });

  it('exits 2 naming the cause for a missing image, a bad flag, or missing feeds', () => {
    const missing = moat(['images', 'scan', 'moat-test/nope:none']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('moat-test/nope:none');
    const bad = moat(['images', 'scan', IMAGE_NAMES.busybox, '--vulnerability-threshold', 'severe']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--vulnerability-threshold must be low, medium, high or critical');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-empty-'));
    const nofeeds = moat(['images', 'scan', IMAGE_NAMES.busybox, '--vulnerability-threshold', 'high'], {
      MOAT_HOME: empty,
    });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(nofeeds.status).toBe(2);
    expect(nofeeds.stderr).toContain('moat feeds import');
  });
});

describe('moat images scan --address (publishing to a running console)', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe({ MOAT_USER: 'learner', MOAT_PASSWORD: 'Workshop-Passw0rd!' });
  });
  afterAll(async () => serve?.stop());

  const call = (channel: string, body: unknown): Promise<unknown> => serve.call(channel, body);

  it('uses the console CI rules, publishes, and the console shows the verdict with who and where', async () => {
    await call('ci:setRules', {
      rules: {
        complianceRules: [
          { name: 'Other images', scope: { images: ['payments/*'] }, defaultEffect: 'ignore' },
          {
            name: 'Org Baseline Container Compliance Rule',
            scope: { images: ['moat-test/*'] },
            ...WORKSHOP_POLICY.compliance,
          },
        ],
      },
    });
    const chosen = (await call('ci:policy', { image: IMAGE_NAMES.nodeappV1 })) as {
      compliance: { name: string };
    };
    expect(chosen.compliance.name).toBe('Org Baseline Container Compliance Rule');
    const r = moat([
      'images',
      'scan',
      IMAGE_NAMES.nodeappV1,
      '--address',
      serve.base,
      '-u',
      'learner',
      '-p',
      'Workshop-Passw0rd!',
    ]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Compliance threshold check results: FAIL$/m);
    expect(r.stderr).toContain('Results published to');
    const list = (await call('scans:list', { kind: 'ci' })) as {
      items: Array<{ id: number; ref: string; verdict: string; sourceUser: string; sourceHost: string }>;
    };
    const scan = list.items.find((s) => s.ref === IMAGE_NAMES.nodeappV1)!;
    expect(scan).toMatchObject({ verdict: 'fail', sourceUser: 'learner', sourceHost: os.hostname() });
    const checks = (await call('scans:compliance', { id: scan.id })) as Array<{
      checkId: number;
      status: string;
    }>;
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.checkId)).toEqual(
      expect.arrayContaining([424, 425, 9001]),
    );
    expect(await call('ci:settings', { keepResults: false })).toEqual({ keepResults: false });
    const notKept = moat([
      'images',
      'scan',
      IMAGE_NAMES.busybox,
      '--address',
      serve.base,
      '--token',
      serve.token,
    ]);
    expect(notKept.status, notKept.stderr).toBe(0);
    expect(notKept.stderr).toContain('set not to keep CI results');
    const after = (await call('scans:list', { kind: 'ci' })) as { items: Array<{ ref: string }> };
    expect(after.items.some((s) => s.ref === IMAGE_NAMES.busybox)).toBe(false);
    const wrong = moat([
      'images',
      'scan',
      IMAGE_NAMES.busybox,
      '--address',
      serve.base,
      '--token',
      'not-the-token',
    ]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('check --token');
    const badLogin = moat([
      'images',
      'scan',
      IMAGE_NAMES.busybox,
      '--address',
      serve.base,
      '-u',
      'learner',
      '-p',
      'guess',
    ]);
    expect(badLogin.status).toBe(2);
    expect(badLogin.stderr).toContain('login to');
    expect(badLogin.stderr).toContain('wrong user name or password');
  });
});
