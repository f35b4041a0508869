import { describe, it, expect } from 'vitest';
import { isSeverity, parseSeverityWord, severityFromDebianUrgency, severityFromGithub } from './severity';

describe('feed severity words', () => {
  it('maps GitHub severities and refuses others', () => {
    expect(
      ['LOW', 'MODERATE', 'HIGH', 'CRITICAL', 'moderate', 'BOGUS', 5, undefined].map(severityFromGithub),
    ).toEqual(['low', 'medium', 'high', 'critical', 'medium', undefined, undefined, undefined]);
  });
  it('maps Debian urgencies, including guessed ones, and gives no rating for the rest', () => {
    expect(
      ['unimportant', 'low', 'low**', 'medium*', 'high', 'not yet assigned', 'end-of-life', '', null].map(
        severityFromDebianUrgency,
      ),
    ).toEqual(['negligible', 'low', 'low', 'medium', 'high', undefined, undefined, undefined, undefined]);
  });
  it('reads our own words for the custom feed', () => {
    expect(['Critical', 'moderate', 'negligible', 'urgent', 3].map(parseSeverityWord)).toEqual([
      'critical',
      'medium',
      'negligible',
      undefined,
      undefined,
    ]);
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('HIGH')).toBe(false);
  });
});
