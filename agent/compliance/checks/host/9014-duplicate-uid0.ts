// Only root may have UID 0: another UID-0 account is a second, often hidden, root.
import { errored, fail, notApplicable, pass, type ComplianceCheck } from '../../types';
import { errorText, readHostFile } from './host-env';
import { parsePasswd } from './passwd';

export const duplicateUid0: ComplianceCheck<'host'> = {
  id: 9014,
  kind: 'host',
  async evaluate(env) {
    let text: string | null;
    try {
      text = await readHostFile(env, '/etc/passwd');
    } catch (e) {
      return errored(`cannot read /etc/passwd: ${errorText(e)}`);
    }
    if (text === null) return notApplicable('/etc/passwd does not exist');
    const zero = parsePasswd(text)
      .filter((e) => e.uid === 0)
      .map((e) => e.name);
    if (zero.length > 1 || (zero.length === 1 && zero[0] !== 'root'))
      return fail([`UID 0 accounts: ${zero.join(', ')}`]);
    return pass([`UID 0 accounts: ${zero.join(', ') || '(none)'}`]);
  },
};
