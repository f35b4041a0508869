// CIS 5.32 (v1.6.0): the Docker socket inside a container is root on the host.
import { failIfAny, type ComplianceCheck } from '../../types';
import { DOCKER_SOCKETS, hostMounts } from './mounts';

export const dockerSocketMounted: ComplianceCheck<'container'> = {
  id: 531,
  kind: 'container',
  evaluate(c) {
    const found = hostMounts(c)
      .filter((m) => DOCKER_SOCKETS.includes(m.source) || m.source.endsWith('/docker.sock'))
      .map((m) => `${m.source} -> ${m.destination}`);
    return failIfAny(found, 'the Docker socket is not mounted');
  },
};
