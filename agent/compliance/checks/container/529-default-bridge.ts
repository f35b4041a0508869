// CIS 5.30 (v1.6.0): the default bridge lets every container on it reach every other; use user-defined networks.
import { fail, pass, type ComplianceCheck } from '../../types';

export const defaultBridge: ComplianceCheck<'container'> = {
  id: 529,
  kind: 'container',
  evaluate(c) {
    const mode = c.HostConfig.NetworkMode ?? '';
    const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
    if (mode === 'default' || mode === 'bridge' || nets.includes('bridge'))
      return fail([`attached to the default bridge (NetworkMode "${mode}")`]);
    return pass([`NetworkMode "${mode}"${nets.length ? `, networks ${nets.join(', ')}` : ''}`]);
  },
};
