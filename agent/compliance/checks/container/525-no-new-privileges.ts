// CIS 5.26 (v1.6.0): no-new-privileges stops setuid binaries from raising a process's privileges.
import { fail, pass, type ComplianceCheck } from '../../types';
import { securityOpts } from './inspect';

export const noNewPrivileges: ComplianceCheck<'container'> = {
  id: 525,
  kind: 'container',
  evaluate(c) {
    const v = securityOpts(c).get('no-new-privileges');
    return v === 'true' ? pass(['security-opt no-new-privileges']) : fail(['no-new-privileges is not set']);
  },
};
