import { describe, expect, it } from 'vitest';
import type { TagAssignmentDto } from '../contract/collections-dto';
import { tagApplies } from './vuln-tags';

const tag = (patch: Partial<TagAssignmentDto>): TagAssignmentDto => ({
  id: 1,
  tagId: 1,
  tag: 'Ignored',
  colour: '#6b7280',
  vulnId: 'CVE-2020-7598',
  comment: '',
  author: 'me',
  createdAt: '2026-01-01T00:00:00Z',
  ...patch,
});
const finding = { id: 'CVE-2020-7598', aliases: ['GHSA-vh95-rmgr-6w4m'], packageName: 'minimist' };
const ref = 'moat-test/nodeapp:v1';

describe('tagApplies', () => {
  it('matches by id or alias, and only within its package and image', () => {
    expect(tagApplies(tag({}), finding, ref)).toBe(true);
    expect(tagApplies(tag({ vulnId: 'GHSA-vh95-rmgr-6w4m' }), finding, ref)).toBe(true);
    expect(tagApplies(tag({ vulnId: 'CVE-2021-44906' }), finding, ref)).toBe(false);
    expect(tagApplies(tag({ package: 'minimist' }), finding, ref)).toBe(true);
    expect(tagApplies(tag({ package: 'lodash' }), finding, ref)).toBe(false);
    expect(tagApplies(tag({ image: ref }), finding, ref)).toBe(true);
    expect(tagApplies(tag({ image: 'moat-test/nodeapp:*' }), finding, ref)).toBe(true);
    expect(tagApplies(tag({ image: 'moat-test/nodeapp:v2' }), finding, ref)).toBe(false);
  });
});
