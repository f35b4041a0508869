// Per-kind vulnerability rules, including the upgrade from one shared list (migration 007) on a real SQLite file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationsDir } from '../db/connection';
import { SettingsRepo } from '../db/repos/settings-repo';
import { RuleStore } from './rule-store';

const tmp: string[] = [];
afterEach(() => tmp.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A database migrated up to (and including) migration `upTo`, as an older Moat left it. */
function dbAt(upTo: number): Database.Database {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-mig-'));
  tmp.push(dir);
  for (const f of fs.readdirSync(migrationsDir())) {
    if (/^\d{3}-/.test(f) && Number(f.slice(0, 3)) <= upTo)
      fs.copyFileSync(path.join(migrationsDir(), f), path.join(dir, f));
  }
  const db = new Database(':memory:');
  migrate(db, dir);
  return db;
}

const shared = {
  vulnerabilityRules: [
    {
      name: 'Org Baseline Container Vulnerability Rule',
      alertThreshold: 'low',
      failThreshold: 'medium',
      onlyFixed: true,
    },
  ],
  complianceRules: [{ name: 'Org Baseline Container Compliance Rule', template: 'nist-800-190' }],
};

describe('vulnerability rules per kind', () => {
  it('upgrading keeps the stored rules as the CI list and copies them to deployed images', () => {
    const db = dbAt(6);
    new SettingsRepo(db).set('ci.policy', shared);
    migrate(db, migrationsDir());
    const store = new RuleStore(new SettingsRepo(db));
    expect(store.vulnRules('ci')).toEqual(shared.vulnerabilityRules);
    expect(store.vulnRules('deployed')).toEqual(shared.vulnerabilityRules);
    expect(store.vulnRules('host')).toEqual([]);
    expect(store.list().complianceRules).toEqual(shared.complianceRules);
  });

  it('upgrades a database with no rules, or with unreadable ones, without failing', () => {
    const empty = dbAt(6);
    migrate(empty, migrationsDir());
    expect(new RuleStore(new SettingsRepo(empty)).vulnRules('deployed')).toEqual([]);
    const broken = dbAt(6);
    broken.prepare("INSERT INTO settings(key, value) VALUES ('ci.policy', '{not json')").run();
    migrate(broken, migrationsDir());
    expect(broken.prepare("SELECT value FROM settings WHERE key = 'ci.policy'").get()).toEqual({
      value: '{not json',
    });
  });

  it('changes one kind without touching the others, and picks the first rule in scope', () => {
    const db = dbAt(999);
    const store = new RuleStore(new SettingsRepo(db));
    store.replace(shared);
    store.setVulnRules('deployed', [
      { name: 'Payments', failThreshold: 'low', scope: { images: ['payments/*'] } },
      { name: 'Everything else', alertThreshold: 'high' },
    ]);
    store.setVulnRules('host', [{ name: 'Org Baseline Host Vulnerability Rule', alertThreshold: 'low' }]);
    expect(store.vulnRules('ci')).toEqual(shared.vulnerabilityRules);
    expect(store.list().complianceRules).toEqual(shared.complianceRules);
    expect(store.vulnRule('deployed', 'payments/api:1')?.name).toBe('Payments');
    expect(store.vulnRule('deployed', 'web:1')?.name).toBe('Everything else');
    expect(store.vulnRule('deployed', 'web:1')).not.toHaveProperty('scope');
    expect(store.vulnRule('host', 'lab-vm')?.name).toBe('Org Baseline Host Vulnerability Rule');
    store.setVulnRules('ci', []);
    expect(store.policy('web:1').vulnerability.name).toBe('CI vulnerability rule');
    expect(store.list().complianceRules).toEqual(shared.complianceRules);
  });

  it('refuses a malformed list, naming its kind, and keeps what was stored', () => {
    const store = new RuleStore(new SettingsRepo(dbAt(999)));
    store.setVulnRules('host', [{ name: 'kept' }]);
    expect(() => store.setVulnRules('host', [{ name: 'x', failThreshold: 'severe' }])).toThrow(
      /host vulnerability rules: invalid rules \(vulnerabilityRules\.0\.failThreshold/,
    );
    expect(store.vulnRules('host')).toEqual([{ name: 'kept' }]);
  });
});

describe('compliance rules per kind', () => {
  it('upgrading keeps the stored compliance rules as the CI list and copies them to deployed images (010)', () => {
    const db = dbAt(9);
    new SettingsRepo(db).set('ci.policy', shared);
    migrate(db, migrationsDir());
    const store = new RuleStore(new SettingsRepo(db));
    expect(store.complianceRules('ci')).toEqual(shared.complianceRules);
    expect(store.complianceRules('deployed')).toEqual(shared.complianceRules);
    expect(store.complianceRules('host')).toEqual([]);
    expect(store.complianceRule('deployed', 'moat-test/nodeapp:v1')).toEqual({
      name: 'Org Baseline Container Compliance Rule',
      template: 'nist-800-190',
      customChecks: [],
    });
    expect(store.complianceRule('host', { host: 'lab-vm', image: 'lab-vm' })).toBeUndefined();
  });

  it('changes one kind without touching the others, and picks the first rule in scope', () => {
    const store = new RuleStore(new SettingsRepo(dbAt(999)));
    store.replace(shared);
    store.setComplianceRules('host', [
      { name: 'Lab hosts', template: 'cis-docker-1.6', scope: { images: ['lab-*'] } },
      { name: 'Org Baseline Host Compliance Rule', template: 'gdpr' },
    ]);
    store.setComplianceRules('deployed', [{ name: 'Deployed', defaultEffect: 'fail' }]);
    expect(store.complianceRules('ci')).toEqual(shared.complianceRules);
    expect(store.vulnRules('ci')).toEqual(shared.vulnerabilityRules);
    expect(store.complianceRule('host', { host: 'lab-vm', image: 'lab-vm' })?.name).toBe('Lab hosts');
    expect(store.complianceRule('host', { host: 'vm', image: 'vm' })?.template).toBe('gdpr');
    expect(store.complianceRule('deployed', 'web:1')?.defaultEffect).toBe('fail');
    store.setComplianceRules('ci', []);
    expect(store.list()).toEqual({ vulnerabilityRules: shared.vulnerabilityRules, complianceRules: [] });
    expect(store.complianceRules('deployed')).toHaveLength(1);
  });

  it('refuses a malformed list or an unknown template, naming its kind, and keeps what was stored', () => {
    const store = new RuleStore(new SettingsRepo(dbAt(999)));
    store.setComplianceRules('host', [{ name: 'kept', template: 'gdpr' }]);
    expect(() => store.setComplianceRules('host', [{ name: 'x', effects: { '424': 'block' } }])).toThrow(
      /host compliance rules: invalid rules \(complianceRules\.0\.effects\.424/,
    );
    expect(() => store.setComplianceRules('host', [{ name: 'x', template: 'no-such' }])).toThrow(
      /unknown compliance template "no-such"/,
    );
    expect(() =>
      store.setComplianceRules('deployed', [{ name: 'x', scope: { collections: ['Nope'] } }]),
    ).toThrow('deployed images compliance rule "x": no collection named "Nope"');
    expect(store.complianceRules('host')).toEqual([{ name: 'kept', template: 'gdpr' }]);
  });
});
