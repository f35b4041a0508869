// The per-start session token and the checks every web request passes: token (cookie or bearer) and same origin.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE_NAME = 'moat_session';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function requestToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return readCookie(req.headers.cookie, COOKIE_NAME);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * A browser always sends Origin on cross-origin requests and on POST/WebSocket; when present it must be the console's own.
 * Host is checked as well, so a DNS-rebinding page cannot talk to the loopback console under a foreign name.
 */
export function originAllowed(req: IncomingMessage, allowedHosts: ReadonlySet<string> | 'any'): boolean {
  const host = req.headers.host;
  if (!host || (allowedHosts !== 'any' && !allowedHosts.has(host.toLowerCase()))) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export function sessionCookie(token: string): string {
  return `${COOKIE_NAME}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
