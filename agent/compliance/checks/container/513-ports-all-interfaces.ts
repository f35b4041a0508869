// CIS 5.14 (v1.6.0): publish ports on a chosen host interface, not on every interface (0.0.0.0 / ::).
import { failIfAny, type ComplianceCheck } from '../../types';
import { portBindings } from './inspect';

export const portsOnAllInterfaces: ComplianceCheck<'container'> = {
  id: 513,
  kind: 'container',
  evaluate(c) {
    const all = portBindings(c);
    const found = all
      .filter((b) => b.hostIp === '' || b.hostIp === '0.0.0.0' || b.hostIp === '::')
      .map((b) => `${b.port} published on ${b.hostIp || '0.0.0.0'}:${b.hostPort}`);
    return failIfAny(
      found,
      all.length === 0 ? 'no published ports' : `${all.length} bindings, all on specific interfaces`,
    );
  },
};
