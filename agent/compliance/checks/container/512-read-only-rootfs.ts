// CIS 5.13 (v1.6.0): a read-only root filesystem stops an intruder from dropping tools into the container.
import { fail, pass, type ComplianceCheck } from '../../types';

export const readOnlyRootfs: ComplianceCheck<'container'> = {
  id: 512,
  kind: 'container',
  evaluate(c) {
    return c.HostConfig.ReadonlyRootfs
      ? pass(['root filesystem is read-only'])
      : fail(['root filesystem is writable']);
  },
};
