// Collections, tags and exceptions through the real `moat serve`: validation at the boundary, the refusal cases
// (unknown collection in a scope, deleting a collection a rule still names), renames, and tags on real findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireDocker } from '../setup/docker-cli';
import { startServe, type ApiAnswer, type ServeProcess } from '../setup/serve-process';
import { IMAGE_NAMES } from '../setup/test-images';
import { testdata } from '../setup/testdata';

requireDocker();
let s: ServeProcess;
beforeAll(async () => {
  s = await startServe({ MOAT_USER: 'auditor', MOAT_PASSWORD: 'Collections-Passw0rd!' });
});
afterAll(async () => s?.stop());

const call = (channel: string, params: unknown): Promise<ApiAnswer> => s.invoke(channel, params);
const ok = async <T>(channel: string, params: unknown): Promise<T> => (await s.call(channel, params)) as T;

interface Collection {
  id: number;
  name: string;
  usedBy: string[];
}
interface Rules {
  vulnerabilityRules: Array<{ name: string; scope?: { images?: string[]; collections?: string[] } }>;
}

const lab = {
  name: 'Lab apps',
  description: 'the test images',
  colour: '#112233',
  images: ['moat-test/nodeapp:*'],
  labels: [],
};

describe('collections API', () => {
  it('refuses bad collections, naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...lab, name: '   ' }, /collections:save: name: collection name must not be empty/],
      [{ ...lab, name: 'a\u0007b' }, /name: collection name must not hold control characters/],
      [{ ...lab, colour: 'red' }, /colour: colour must be #rrggbb/],
      [{ ...lab, images: [''] }, /images\.0: a pattern must not be empty/],
      [{ ...lab, images: ['x'.repeat(301)] }, /images\.0/],
      [{ ...lab, hosts: Array.from({ length: 101 }, (_, i) => `h${i}`) }, /hosts/],
      [{ ...lab, owner: 'me' }, /owner/],
    ];
    for (const [params, message] of cases) {
      const a = await call('collections:save', params);
      expect(a.status, JSON.stringify(params)).toBe(400);
      expect(a.error?.message).toMatch(message);
    }
    expect(await ok<Collection[]>('collections:list', {})).toEqual([]);
  });

  it('stores hostile-looking patterns as plain text and refuses a duplicate name', async () => {
    const weird = await ok<Collection & { images: string[]; labels: string[] }>('collections:save', {
      name: 'Weird',
      images: ['(a+)+$', '.*', '[', '*a*a*a*a*a*a*a*a*a*a*b'],
      labels: ['=', 'a=b=c'],
    });
    expect(weird.images).toEqual(['(a+)+$', '.*', '[', '*a*a*a*a*a*a*a*a*a*a*b']);
    expect(weird.labels).toEqual(['=', 'a=b=c']);
    const dup = await call('collections:save', { name: 'weird' });
    expect(dup.status).toBe(400);
    expect(dup.error?.message).toBe('a collection named "Weird" already exists');
    await ok('collections:delete', { id: weird.id });
  });

  it('refuses a rule scope naming a collection that does not exist', async () => {
    const a = await call('ci:setRules', {
      rules: { vulnerabilityRules: [{ name: 'Scoped', scope: { collections: ['Nope'] } }] },
    });
    expect(a.status).toBe(400);
    expect(a.error?.message).toContain('CI vulnerability rule "Scoped": no collection named "Nope"');
    const b = await call('vulnRules:set', {
      kind: 'deployed',
      rules: [{ name: 'Deployed scoped', scope: { collections: ['Nope'] } }],
    });
    expect(b.status).toBe(400);
    expect(b.error?.message).toContain(
      'deployed images vulnerability rule "Deployed scoped": no collection named "Nope"',
    );
  });

  it('uses a collection as a CI rule scope; old image-glob scopes keep working', async () => {
    await ok('collections:save', lab);
    await ok('ci:setRules', {
      rules: {
        vulnerabilityRules: [
          { name: 'Lab rule', failThreshold: 'low', scope: { collections: ['Lab apps'] } },
          { name: 'Busybox rule', failThreshold: 'critical', scope: { images: ['busybox'] } },
        ],
        complianceRules: [{ name: 'Lab compliance', scope: { collections: ['lab APPS'] } }],
      },
    });
    const policy = async (image: string, host?: string): Promise<string> =>
      (await ok<{ vulnerability: { name: string } }>('ci:policy', { image, host })).vulnerability.name;
    expect(await policy(IMAGE_NAMES.nodeappV1)).toBe('Lab rule');
    expect(await policy(IMAGE_NAMES.busybox)).toBe('Busybox rule');
    expect(await policy('other/image:1')).toBe('CI vulnerability rule');
    // A collection that also narrows hosts holds only scans run on those hosts.
    const [c] = await ok<Collection[]>('collections:list', {});
    await ok('collections:save', { ...lab, id: c.id, hosts: ['ci-runner-*'] });
    expect(await policy(IMAGE_NAMES.nodeappV1, 'laptop')).toBe('CI vulnerability rule');
    expect(await policy(IMAGE_NAMES.nodeappV1, 'ci-runner-7')).toBe('Lab rule');
    await ok('collections:save', { ...lab, id: c.id, hosts: [] });
  });

  it('refuses to delete a collection still used, naming every rule that uses it', async () => {
    await ok('vulnRules:set', {
      kind: 'deployed',
      rules: [{ name: 'Deployed lab', failThreshold: 'high', scope: { collections: ['Lab apps'] } }],
    });
    const [c] = await ok<Collection[]>('collections:list', {});
    expect(c.usedBy).toEqual([
      'CI vulnerability rule "Lab rule"',
      'deployed images vulnerability rule "Deployed lab"',
      'CI compliance rule "Lab compliance"',
    ]);
    const a = await call('collections:delete', { id: c.id });
    expect(a.status).toBe(400);
    expect(a.error?.message).toBe(
      'collection "Lab apps" is used by CI vulnerability rule "Lab rule", deployed images vulnerability rule ' +
        '"Deployed lab", CI compliance rule "Lab compliance"; remove it from those rules\' scopes first',
    );
    expect((await ok<Collection[]>('collections:list', {})).map((x) => x.name)).toEqual(['Lab apps']);
    expect((await call('collections:delete', { id: 999 })).status).toBe(404);
  });

  it('renames a collection in every rule that names it', async () => {
    const [c] = await ok<Collection[]>('collections:list', {});
    await ok('collections:save', { ...lab, id: c.id, name: 'Workshop apps' });
    const ci = await ok<Rules & { complianceRules: Rules['vulnerabilityRules'] }>('ci:rules', {});
    expect(ci.vulnerabilityRules[0].scope?.collections).toEqual(['Workshop apps']);
    expect(ci.complianceRules[0].scope?.collections).toEqual(['Workshop apps']);
    const deployed = await ok<Rules['vulnerabilityRules']>('vulnRules:list', { kind: 'deployed' });
    expect(deployed[0].scope?.collections).toEqual(['Workshop apps']);
    // Once no rule names it, it can go.
    await ok('ci:setRules', { rules: {} });
    await ok('vulnRules:set', { kind: 'deployed', rules: [] });
    expect(await ok<Collection[]>('collections:delete', { id: c.id })).toEqual([]);
  });
});

describe('tags API', () => {
  interface Tag {
    id: number;
    name: string;
    uses: number;
  }
  interface Assignment {
    id: number;
    tag: string;
    vulnId: string;
    comment: string;
    author: string;
    createdAt: string;
    package?: string;
    image?: string;
  }
  interface Row {
    id: string;
    aliases: string[];
    packageName: string;
    tags?: Assignment[];
  }

  it('seeds the default tags and refuses bad or duplicate ones', async () => {
    const tags = await ok<Tag[]>('tags:list', {});
    expect(tags.map((t) => t.name)).toEqual(['Fixed upstream', 'Ignored', 'In progress']);
    const dup = await call('tags:save', { name: 'ignored' });
    expect(dup.status).toBe(400);
    expect(dup.error?.message).toBe('a tag named "Ignored" already exists');
    expect((await call('tags:save', { name: 'x', colour: '#12345' })).status).toBe(400);
  });

  it('refuses assignments with an unknown tag, a malformed id, and removals of unknown ones', async () => {
    const unknown = await call('vulnTags:assign', { tag: 'Nope', vulnId: 'CVE-2020-7598' });
    expect(unknown.status).toBe(400);
    expect(unknown.error?.message).toBe('no tag named "Nope"');
    const bad = await call('vulnTags:assign', { tag: 'Ignored', vulnId: 'CVE 2020; drop table' });
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toMatch(/vulnTags:assign: vulnId: vulnerability id may hold/);
    expect((await call('vulnTags:remove', { id: 12345 })).status).toBe(404);
    const exc = await call('vulnRules:addException', { scanId: 1, vulnId: 'CVE-1', expires: '2026-13-45' });
    expect(exc.status).toBe(400);
    expect(exc.error?.message).toMatch(/expires/);
  });

  it('tags a real finding by an alias, lists and filters by tag, and adds an exception to the rule in scope', async () => {
    await ok('feeds:importPath', { path: testdata('feeds', 'osv', 'npm', 'GHSA-vh95-rmgr-6w4m.json') });
    const { scanId } = await ok<{ scanId: number }>('images:scan', { ref: IMAGE_NAMES.nodeappV1 });
    const deadline = Date.now() + 90_000;
    let rows: Row[] = [];
    while (Date.now() < deadline) {
      const scan = await ok<{ status: string }>('scans:get', { id: scanId });
      if (scan.status === 'done') {
        rows = (await ok<{ items: Row[] }>('scans:vulns', { id: scanId })).items;
        if (rows.some((r) => r.packageName === 'minimist')) break;
      }
      if (scan.status === 'failed') throw new Error('scan failed');
      await new Promise((r) => setTimeout(r, 300));
    }
    const finding = rows.find((r) => r.id === 'CVE-2020-7598' || r.aliases.includes('CVE-2020-7598'));
    expect(finding?.packageName).toBe('minimist');
    expect(finding?.tags).toEqual([]);

    // Tagged by the advisory's other name: the tag follows the finding through its aliases.
    const assigned = await ok<Assignment>('vulnTags:assign', {
      tag: 'In progress',
      vulnId: 'GHSA-vh95-rmgr-6w4m',
      package: 'minimist',
      image: IMAGE_NAMES.nodeappV1,
      comment: 'upgrade planned',
    });
    expect(assigned).toMatchObject({ tag: 'In progress', comment: 'upgrade planned', author: 'auditor' });
    expect(Date.parse(assigned.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // Narrowed to another image or package, a tag does not show on this finding.
    await ok('vulnTags:assign', { tag: 'Ignored', vulnId: 'CVE-2020-7598', image: 'moat-test/other:*' });
    await ok('vulnTags:assign', { tag: 'Ignored', vulnId: 'CVE-2020-7598', package: 'lodash' });

    const tagged = (await ok<{ items: Row[] }>('scans:vulns', { id: scanId, tag: 'in progress' })).items;
    expect(tagged.map((r) => r.id)).toEqual([finding!.id]);
    expect(tagged[0].tags?.map((t) => t.tag)).toEqual(['In progress']);
    expect((await ok<{ items: Row[] }>('scans:vulns', { id: scanId, tag: 'Ignored' })).items).toEqual([]);
    expect((await ok<Tag[]>('tags:list', {})).find((t) => t.name === 'In progress')?.uses).toBe(1);

    // No deployed rule yet: the exception is refused with what to do.
    const none = await call('vulnRules:addException', { scanId, vulnId: finding!.id });
    expect(none.status).toBe(400);
    expect(none.error?.message).toBe(
      `no deployed vulnerability rule applies to ${IMAGE_NAMES.nodeappV1}; add one in Defend › Vulnerabilities first`,
    );
    await ok('vulnRules:set', {
      kind: 'deployed',
      rules: [
        { name: 'Busybox only', scope: { images: ['busybox'] } },
        { name: 'Everything else', failThreshold: 'low' },
      ],
    });
    const added = await ok<{ rule: string; kind: string }>('vulnRules:addException', {
      scanId,
      vulnId: finding!.id,
      package: 'minimist',
      expires: '2099-01-31',
      reason: 'upgrade planned',
    });
    expect(added).toMatchObject({ kind: 'deployed', rule: 'Everything else' });
    const rules = await ok<Array<{ name: string; exceptions?: unknown[] }>>('vulnRules:list', {
      kind: 'deployed',
    });
    expect(rules[1].exceptions).toEqual([
      { id: finding!.id, package: 'minimist', expires: '2099-01-31', reason: 'upgrade planned' },
    ]);
    expect(rules[0].exceptions).toBeUndefined();

    await ok('vulnTags:remove', { id: assigned.id });
    expect((await ok<{ items: Row[] }>('scans:vulns', { id: scanId, tag: 'In progress' })).items).toEqual([]);
  });
});
