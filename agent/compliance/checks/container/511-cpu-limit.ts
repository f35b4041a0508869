// CIS 5.12 (v1.6.0): CPU shares or a CPU quota keep one container from starving the others.
import { fail, pass, type ComplianceCheck } from '../../types';

export const cpuLimit: ComplianceCheck<'container'> = {
  id: 511,
  kind: 'container',
  evaluate(c) {
    const h = c.HostConfig;
    const set = [
      (h.NanoCpus ?? 0) > 0 ? `NanoCpus ${h.NanoCpus}` : '',
      (h.CpuQuota ?? 0) > 0 ? `CpuQuota ${h.CpuQuota}` : '',
      (h.CpuShares ?? 0) > 0 && h.CpuShares !== 1024 ? `CpuShares ${h.CpuShares}` : '',
    ].filter(Boolean);
    return set.length > 0 ? pass(set) : fail(['no CPU limit (NanoCpus, CpuQuota and CpuShares unset)']);
  },
};
