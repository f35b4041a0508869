// CIS section 3: ownership and permissions of the daemon's socket and configuration files.
import { errored, fail, notApplicable, pass, type ComplianceCheck } from '../../types';
import { errorText, readHostFile, statHost, type HostEnv } from '../host/host-env';
import { parseGroup, parsePasswd } from '../host/passwd';

export interface FileRule {
  path: string;
  /** Allowed owner user and group names. */
  users?: readonly string[];
  groups?: readonly string[];
  /** No permission bit outside this mask may be set (0o660 = at most rw-rw----). */
  maxMode?: number;
}

async function names(env: HostEnv): Promise<{ users: Map<number, string>; groups: Map<number, string> }> {
  const passwd = (await readHostFile(env, '/etc/passwd')) ?? '';
  const group = (await readHostFile(env, '/etc/group')) ?? '';
  // getpwuid(3) semantics: the first entry for a uid names it.
  const users = new Map<number, string>();
  for (const e of parsePasswd(passwd)) if (!users.has(e.uid)) users.set(e.uid, e.name);
  return { users, groups: parseGroup(group) };
}

export function fileCheck(id: number, rule: FileRule): ComplianceCheck<'daemon'> {
  return {
    id,
    kind: 'daemon',
    async evaluate(env) {
      let st;
      try {
        st = await statHost(env, rule.path);
      } catch (e) {
        return errored(`cannot stat ${rule.path}: ${errorText(e)}`);
      }
      if (st === null) return notApplicable(`${rule.path} does not exist on this host`);
      const n = await names(env);
      const user = n.users.get(st.uid) ?? String(st.uid);
      const group = n.groups.get(st.gid) ?? String(st.gid);
      const mode = st.mode & 0o7777;
      const label = `${rule.path} ${user}:${group} mode ${mode.toString(8).padStart(4, '0')}`;
      const problems: string[] = [];
      if (rule.users && !rule.users.includes(user))
        problems.push(`owner ${user}, want ${rule.users.join(' or ')}`);
      if (rule.groups && !rule.groups.includes(group))
        problems.push(`group ${group}, want ${rule.groups.join(' or ')}`);
      if (rule.maxMode !== undefined && (mode & ~rule.maxMode) !== 0)
        problems.push(`mode ${mode.toString(8)} is looser than ${rule.maxMode.toString(8)}`);
      return problems.length > 0 ? fail([`${label}: ${problems.join('; ')}`]) : pass([label]);
    },
  };
}
