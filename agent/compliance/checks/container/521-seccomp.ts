// CIS 5.22 (v1.6.0): the default seccomp profile blocks dangerous syscalls; unconfined (or privileged) drops it.
import { fail, pass, type ComplianceCheck } from '../../types';
import { securityOpts } from './inspect';

export const seccompConfined: ComplianceCheck<'container'> = {
  id: 521,
  kind: 'container',
  evaluate(c) {
    if (c.HostConfig.Privileged) return fail(['privileged: seccomp filtering is disabled']);
    const v = securityOpts(c).get('seccomp');
    if (v === 'unconfined') return fail(['security-opt seccomp=unconfined']);
    return pass([v ? 'custom seccomp profile' : 'default seccomp profile']);
  },
};
