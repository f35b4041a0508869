// CIS 5.2 (v1.6.0): an AppArmor profile confines the container where the host supports AppArmor.
import { fail, notApplicable, pass, type ComplianceCheck } from '../../types';
import { securityOpts } from './inspect';

export const apparmorProfile: ComplianceCheck<'container'> = {
  id: 51,
  kind: 'container',
  evaluate(c) {
    const opt = securityOpts(c).get('apparmor');
    const profile = c.AppArmorProfile ?? '';
    if (opt === 'unconfined' || profile === 'unconfined') return fail(['AppArmor profile unconfined']);
    if (profile === '') {
      // Docker leaves the profile empty when the host kernel has no AppArmor (or for privileged containers).
      if (c.HostConfig.Privileged) return fail(['privileged: no AppArmor profile applied']);
      return notApplicable('no AppArmor profile applied: AppArmor is not enabled on this host');
    }
    return pass([`AppArmor profile ${profile}`]);
  },
};
