// CIS 5.9 / 5.15 / 5.16 / 5.20: sharing the host's network, PID, IPC or UTS namespace.
import { fail, pass, type ComplianceCheck } from '../../types';
import type { ContainerInspect } from './inspect';

export function hostNamespace(
  id: number,
  field: 'NetworkMode' | 'PidMode' | 'IpcMode' | 'UTSMode',
): ComplianceCheck<'container'> {
  return {
    id,
    kind: 'container',
    evaluate(c: ContainerInspect) {
      const mode = c.HostConfig[field] ?? '';
      return mode === 'host'
        ? fail([`HostConfig.${field} is host`])
        : pass([`HostConfig.${field} is "${mode}"`]);
    },
  };
}
