// CIS 5.6 (v1.6.0): mounting system directories of the host gives the container a way to change the host.
import { failIfAny, type ComplianceCheck } from '../../types';
import { hostMounts } from './mounts';

const SENSITIVE = [
  '/',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/sys',
  '/usr',
  '/var/run',
  '/run',
  '/root',
  '/var/lib/docker',
];

export const sensitiveHostMounts: ComplianceCheck<'container'> = {
  id: 55,
  kind: 'container',
  evaluate(c) {
    const found = hostMounts(c)
      .filter((m) => {
        const src = m.source.replace(/\/+$/, '') || '/';
        return SENSITIVE.some((s) => src === s || (s !== '/' && src.startsWith(`${s}/`)));
      })
      .map((m) => `${m.source} -> ${m.destination} (${m.rw ? 'read-write' : 'read-only'})`);
    return failIfAny(found, 'no sensitive host directory is mounted');
  },
};
