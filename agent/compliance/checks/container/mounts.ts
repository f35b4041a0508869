// Host paths a container has mounted, from Mounts (live) and HostConfig.Binds (configured).
import type { ContainerInspect } from './inspect';

export interface HostMount {
  source: string;
  destination: string;
  rw: boolean;
}

export function hostMounts(c: ContainerInspect): HostMount[] {
  const out = new Map<string, HostMount>();
  for (const m of c.Mounts ?? []) {
    if (m.Type !== 'bind' || !m.Source) continue;
    out.set(`${m.Source}|${m.Destination ?? ''}`, {
      source: m.Source,
      destination: m.Destination ?? '',
      rw: m.RW !== false,
    });
  }
  for (const b of c.HostConfig.Binds) {
    const [source, destination = '', mode = ''] = b.split(':');
    if (!source.startsWith('/')) continue; // a named volume, not a host path
    if (!out.has(`${source}|${destination}`))
      out.set(`${source}|${destination}`, { source, destination, rw: !mode.split(',').includes('ro') });
  }
  return [...out.values()];
}

export const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock'];
