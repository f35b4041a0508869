// sshd_config reading: sshd takes the FIRST value of each keyword, Include files are read in place
// (only "dir/*.conf"-style globs), and everything after the first Match block is conditional.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errored, fail, notApplicable, pass, type ComplianceCheck } from '../../types';
import { errorText, hostPath, readHostFile, type HostEnv } from './host-env';

const MAX_INCLUDES = 64;

export async function sshdSettings(
  env: HostEnv,
  file = '/etc/ssh/sshd_config',
): Promise<Map<string, string> | null> {
  const text = await readHostFile(env, file);
  if (text === null) return null;
  const out = new Map<string, string>();
  await collect(env, text, out, { n: 0 });
  return out;
}

async function collect(
  env: HostEnv,
  text: string,
  out: Map<string, string>,
  budget: { n: number },
): Promise<boolean> {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+)\s*=?\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    if (key === 'match') return false;
    if (key === 'include') {
      for (const pattern of m[2].split(/\s+/)) {
        for (const f of await expand(env, pattern)) {
          if (++budget.n > MAX_INCLUDES) return false;
          const inc = await readHostFile(env, f);
          if (inc !== null && !(await collect(env, inc, out, budget))) return false;
        }
      }
      continue;
    }
    if (!out.has(key)) out.set(key, m[2].trim().toLowerCase());
  }
  return true;
}

async function expand(env: HostEnv, pattern: string): Promise<string[]> {
  const abs = pattern.startsWith('/') ? pattern : `/etc/ssh/${pattern}`;
  const base = path.posix.basename(abs);
  if (!base.includes('*')) return [abs];
  const dir = path.posix.dirname(abs);
  const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  try {
    const names = await fs.readdir(hostPath(env, dir));
    return names
      .filter((n) => re.test(n))
      .sort()
      .map((n) => `${dir}/${n}`);
  } catch {
    return [];
  }
}

/**
 * A host check on one sshd keyword: not applicable without an OpenSSH server, an error when the file cannot be
 * read, else pass or fail by the effective value (the keyword's sshd default when it is not set).
 */
export function sshdSettingCheck(
  id: number,
  keyword: string,
  sshdDefault: string,
  passes: (value: string) => boolean,
): ComplianceCheck<'host'> {
  return {
    id,
    kind: 'host',
    async evaluate(env) {
      let s: Map<string, string> | null;
      try {
        s = await sshdSettings(env);
      } catch (e) {
        return errored(`cannot read /etc/ssh/sshd_config: ${errorText(e)}`);
      }
      if (s === null) return notApplicable('/etc/ssh/sshd_config does not exist (no OpenSSH server)');
      const key = keyword.toLowerCase();
      const v = s.get(key) ?? sshdDefault;
      const label = `${keyword} ${v}${s.has(key) ? '' : ' (default)'}`;
      return passes(v) ? pass([label]) : fail([label]);
    },
  };
}
