import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { newToken, originAllowed, readCookie, requestToken, sessionCookie, tokenMatches } from './auth';

const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;
const hosts = new Set(['127.0.0.1:8083', 'localhost:8083']);

describe('session token', () => {
  it('is long, random and compared exactly', () => {
    const t = newToken();
    expect(t.length).toBeGreaterThanOrEqual(32);
    expect(newToken()).not.toBe(t);
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, t.slice(1))).toBe(false);
    expect(tokenMatches(t, undefined)).toBe(false);
    expect(tokenMatches(t, '')).toBe(false);
  });

  it('is read from a bearer header or the session cookie', () => {
    expect(requestToken(req({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(requestToken(req({ cookie: 'x=1; moat_session=tok%2B1; y=2' }))).toBe('tok+1');
    expect(requestToken(req({}))).toBeUndefined();
    expect(readCookie('moat_sessionx=1', 'moat_session')).toBeUndefined();
  });

  it('is set as an HttpOnly, SameSite=Strict cookie', () => {
    expect(sessionCookie('abc')).toMatch(/^moat_session=abc; HttpOnly; SameSite=Strict; Path=\/$/);
  });
});

describe('origin check', () => {
  it('accepts same-origin and origin-less requests to a known host', () => {
    expect(originAllowed(req({ host: '127.0.0.1:8083' }), hosts)).toBe(true);
    expect(originAllowed(req({ host: 'localhost:8083', origin: 'http://localhost:8083' }), hosts)).toBe(true);
  });

  it('refuses foreign origins, foreign hosts (DNS rebinding) and junk', () => {
    expect(originAllowed(req({ host: '127.0.0.1:8083', origin: 'http://evil.example' }), hosts)).toBe(false);
    expect(originAllowed(req({ host: '127.0.0.1:8083', origin: 'http://127.0.0.1:9999' }), hosts)).toBe(
      false,
    );
    expect(originAllowed(req({ host: 'rebound.example:8083' }), hosts)).toBe(false);
    expect(originAllowed(req({ host: '127.0.0.1:8083', origin: 'null' }), hosts)).toBe(false);
    expect(originAllowed(req({}), hosts)).toBe(false);
  });

  it('on all interfaces accepts any host name but still requires a matching origin', () => {
    expect(originAllowed(req({ host: '10.0.0.5:8083' }), 'any')).toBe(true);
    expect(originAllowed(req({ host: '10.0.0.5:8083', origin: 'http://other:8083' }), 'any')).toBe(false);
  });
});
