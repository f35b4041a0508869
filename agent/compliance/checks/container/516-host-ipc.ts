// CIS: sharing the host's ipc namespace (HostConfig.IpcMode = host).
import { hostNamespace } from './host-namespace';

export const hostIpc = hostNamespace(516, 'IpcMode');
