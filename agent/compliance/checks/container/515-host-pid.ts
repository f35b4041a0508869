// CIS: sharing the host's pid namespace (HostConfig.PidMode = host).
import { hostNamespace } from './host-namespace';

export const hostPid = hostNamespace(515, 'PidMode');
