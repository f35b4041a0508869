// Accounts with an empty password field in /etc/shadow log in without any password.
import { errored, failIfAny, notApplicable, type ComplianceCheck } from '../../types';
import { errorText, readHostFile } from './host-env';
import { emptyPasswordAccounts } from './passwd';

export const emptyPasswords: ComplianceCheck<'host'> = {
  id: 9013,
  kind: 'host',
  async evaluate(env) {
    let text: string | null;
    try {
      text = await readHostFile(env, '/etc/shadow');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM')
        return notApplicable('/etc/shadow is not readable (run the agent as root)');
      return errored(`cannot read /etc/shadow: ${errorText(e)}`);
    }
    if (text === null) return notApplicable('/etc/shadow does not exist');
    return failIfAny(
      emptyPasswordAccounts(text).map((a) => `account ${a} has an empty password`),
      'no account in /etc/shadow has an empty password',
    );
  },
};
