// CIS: sharing the host's uts namespace (HostConfig.UTSMode = host).
import { hostNamespace } from './host-namespace';

export const hostUts = hostNamespace(520, 'UTSMode');
