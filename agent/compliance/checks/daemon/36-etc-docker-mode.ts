// CIS 3.x: /etc/docker ownership / permissions.
import { fileCheck } from './file-perms';

export const etcDockerMode = fileCheck(36, { path: '/etc/docker', maxMode: 0o755 });
