// The console's one account, for CI tools that log in with a user name and password (`moat images scan -u -p`,
// as twistcli does) and exchange them for the session token. Only a scrypt hash is kept.
import crypto from 'node:crypto';

export interface Credentials {
  user: string;
  salt: string;
  hash: string;
}

const KEY_LEN = 32;

export function hashCredentials(user: string, password: string): Credentials {
  const salt = crypto.randomBytes(16).toString('hex');
  return { user, salt, hash: crypto.scryptSync(password, salt, KEY_LEN).toString('hex') };
}

export function credentialsMatch(c: Credentials, user: string, password: string): boolean {
  if (user !== c.user) return false;
  const given = crypto.scryptSync(password, c.salt, KEY_LEN);
  return crypto.timingSafeEqual(given, Buffer.from(c.hash, 'hex'));
}

/** At most `limit` failed logins per window, so a password cannot be guessed at network speed. */
export class LoginThrottle {
  private failures: number[] = [];

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
  ) {}

  blocked(now = Date.now()): boolean {
    this.failures = this.failures.filter((t) => now - t < this.windowMs);
    return this.failures.length >= this.limit;
  }

  fail(now = Date.now()): void {
    this.failures.push(now);
  }
}
