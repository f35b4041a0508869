// The shipped catalog, templates and EOL table are consistent with each other and with the code.
import { describe, expect, it } from 'vitest';
import {
  catalog,
  parseCatalog,
  parseTemplates,
  templateCheckIds,
  templates,
} from '../../agent/compliance/catalog';
import { checks } from '../../agent/compliance/registry';
import checksJson from './checks.json';
import eol from './eol.json';

describe('checks.json', () => {
  it('has unique ids and the well-known Prisma/CIS ids', () => {
    const ids = catalog.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [41, 46, 422, 424, 425, 426, 448, 599, 54, 531]) expect(ids).toContain(id);
  });

  it('every catalog id has code registered with the same kind, and every registered check is in the catalog', () => {
    const code = new Map(checks.map((c) => [c.id, c]));
    expect(code.size).toBe(checks.length);
    for (const c of catalog) {
      expect(code.get(c.id)?.kind, `check ${c.id}`).toBe(c.kind);
    }
    for (const c of checks)
      expect(
        catalog.some((e) => e.id === c.id),
        `registered ${c.id}`,
      ).toBe(true);
  });

  it("each check's templates[] is exactly the set of templates whose controls name it", () => {
    for (const c of catalog) {
      const using = templates
        .filter((t) => t.controls.some((ctl) => ctl.checks.includes(c.id)))
        .map((t) => t.id);
      expect([...c.templates].sort(), `check ${c.id}`).toEqual(using.sort());
    }
  });

  it('keeps built-in custom ids below the user range', () => {
    for (const c of catalog.filter((e) => e.id >= 9000)) expect(c.id).toBeLessThan(9100);
  });

  it('refuses duplicate ids and wrong types with the input named', () => {
    const dup = { checks: [checksJson.checks[0], checksJson.checks[0]] };
    expect(() => parseCatalog(dup, 'x.json')).toThrow(/x\.json: check id \d+ appears more than once/);
    expect(() => parseCatalog({ checks: [{ ...checksJson.checks[0], kind: 'planet' }] }, 'y.json')).toThrow(
      /y\.json: invalid check catalog at checks\.0\.kind/,
    );
    expect(() => parseCatalog('garbage', 'z.json')).toThrow(/z\.json/);
  });
});

describe('templates.json', () => {
  it('has the six frameworks, each with controls and the controls it cannot check with reasons', () => {
    expect(templates.map((t) => t.id).sort()).toEqual([
      'cis-docker-1.6',
      'disa-stig',
      'gdpr',
      'hipaa',
      'nist-800-190',
      'pci-dss-4',
    ]);
    for (const t of templates) {
      expect(t.controls.length, t.id).toBeGreaterThan(2);
      expect(t.notCheckable.length, t.id).toBeGreaterThan(0);
      for (const n of t.notCheckable) expect(n.reason.length).toBeGreaterThan(10);
    }
  });

  it('the CIS template uses the v1.6.0 section numbers and each title names the same section', () => {
    const cis = templates.find((t) => t.id === 'cis-docker-1.6');
    const sectionOf = new Map(cis?.controls.map((c) => [c.checks[0], c.control]));
    // v1.6.0 inserted 5.1 (swarm mode) and reordered 2.14-2.16; ids keep Prisma's v1.5.0 numbers (README.md).
    expect(
      Object.fromEntries([51, 54, 59, 525, 529, 531, 214, 215, 218].map((id) => [id, sectionOf.get(id)])),
    ).toEqual({
      51: '5.2',
      54: '5.5',
      59: '5.10',
      525: '5.26',
      529: '5.30',
      531: '5.32',
      214: '2.15',
      215: '2.16',
      218: '2.14',
    });
    for (const c of catalog.filter((e) => e.templates.includes('cis-docker-1.6') && /\(CIS \d/.test(e.title)))
      if (c.id !== 113) expect(c.title, `check ${c.id}`).toContain(`(CIS ${sectionOf.get(c.id)})`);
    expect(cis?.notCheckable.map((n) => n.control)).toContain('5.27');
  });

  it('refuses a template naming an unknown check', () => {
    const bad = {
      templates: [
        {
          id: 't',
          name: 'T',
          version: '1',
          controls: [{ control: 'c1', title: 'x', checks: [424, 123456] }],
          notCheckable: [],
        },
      ],
    };
    expect(() => parseTemplates(bad, 't.json', catalog)).toThrow(
      't.json: template t control c1 names unknown check 123456',
    );
  });

  it('templateCheckIds resolves a template and names an unknown one', () => {
    expect(templateCheckIds('nist-800-190')).toEqual(expect.arrayContaining([422, 424, 425]));
    expect(() => templateCheckIds('nope')).toThrow(/unknown compliance template "nope" \(known: .*gdpr/);
  });
});

describe('eol.json', () => {
  it('has ISO dates for each family and a granularity for each', () => {
    for (const [family, releases] of Object.entries(eol.releases)) {
      expect((eol.granularity as Record<string, number>)[family], family).toBeGreaterThan(0);
      for (const d of Object.values(releases as Record<string, string>))
        expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
