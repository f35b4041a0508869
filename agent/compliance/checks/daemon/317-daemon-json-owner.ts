// CIS 3.x: /etc/docker/daemon.json ownership / permissions.
import { fileCheck } from './file-perms';

export const daemonJsonOwner = fileCheck(317, {
  path: '/etc/docker/daemon.json',
  users: ['root'],
  groups: ['root'],
});
