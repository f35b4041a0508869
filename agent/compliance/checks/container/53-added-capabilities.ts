// CIS 5.4 (v1.6.0): capabilities beyond Docker's default set widen what a compromised process can do.
import { fail, pass, type ComplianceCheck } from '../../types';

export const addedCapabilities: ComplianceCheck<'container'> = {
  id: 53,
  kind: 'container',
  evaluate(c) {
    const add = c.HostConfig.CapAdd;
    const drop = c.HostConfig.CapDrop;
    if (add.length > 0) return fail([`CapAdd: ${add.join(', ')}`]);
    return pass([`no added capabilities${drop.length ? `; CapDrop: ${drop.join(', ')}` : ''}`]);
  },
};
