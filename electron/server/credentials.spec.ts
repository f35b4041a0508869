import { describe, expect, it } from 'vitest';
import { credentialsMatch, hashCredentials, LoginThrottle } from './credentials';

describe('console account', () => {
  it('keeps only a salted hash and checks user and password exactly', () => {
    const c = hashCredentials('learner', 'Workshop-Passw0rd!');
    expect(JSON.stringify(c)).not.toContain('Workshop-Passw0rd!');
    expect(credentialsMatch(c, 'learner', 'Workshop-Passw0rd!')).toBe(true);
    expect(credentialsMatch(c, 'learner', 'Workshop-Passw0rd')).toBe(false);
    expect(credentialsMatch(c, 'Learner', 'Workshop-Passw0rd!')).toBe(false);
    expect(hashCredentials('learner', 'x').salt).not.toBe(hashCredentials('learner', 'x').salt);
  });

  it('blocks after ten failures a minute and lets the window pass', () => {
    const t = new LoginThrottle(10, 60_000);
    for (let i = 0; i < 10; i++) t.fail(1000 + i);
    expect(t.blocked(2000)).toBe(true);
    expect(t.blocked(62_000)).toBe(false);
  });
});
