// CIS 5.5 (v1.6.0): a privileged container has every capability and the host's devices: it is the host.
import { fail, pass, type ComplianceCheck } from '../../types';

export const privileged: ComplianceCheck<'container'> = {
  id: 54,
  kind: 'container',
  evaluate(c) {
    return c.HostConfig.Privileged
      ? fail(['HostConfig.Privileged is true'])
      : pass(['HostConfig.Privileged is false']);
  },
};
