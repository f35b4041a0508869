// CIS 4.6: a HEALTHCHECK lets the engine notice a container that is running but not serving.
import { fail, pass, type ComplianceCheck } from '../../types';

export const healthcheck: ComplianceCheck<'image'> = {
  id: 46,
  kind: 'image',
  evaluate({ inventory }) {
    const hc = inventory.image.healthcheck;
    if (!hc || hc.test.length === 0) return fail(['no HEALTHCHECK instruction']);
    if (hc.test[0] === 'NONE') return fail(['HEALTHCHECK NONE disables the inherited check']);
    return pass([`HEALTHCHECK ${hc.test.join(' ')}`]);
  },
};
