// CIS 5.11 (v1.6.0): without a memory limit one container can exhaust the host.
import { fail, pass, type ComplianceCheck } from '../../types';

export const memoryLimit: ComplianceCheck<'container'> = {
  id: 510,
  kind: 'container',
  evaluate(c) {
    const mem = c.HostConfig.Memory ?? 0;
    return mem > 0 ? pass([`memory limit ${mem} bytes`]) : fail(['no memory limit (HostConfig.Memory is 0)']);
  },
};
