// CIS 5.10 / 5.16 / 5.17 / 5.21 (v1.6.0): sharing the host's network, PID, IPC or UTS namespace.
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
