// CIS 3.x: /etc/docker/daemon.json ownership / permissions.
import { fileCheck } from './file-perms';

export const daemonJsonMode = fileCheck(318, { path: '/etc/docker/daemon.json', maxMode: 0o644 });
