// CIS: sharing the host's network namespace (HostConfig.NetworkMode = host).
import { hostNamespace } from './host-namespace';

export const hostNetwork = hostNamespace(59, 'NetworkMode');
