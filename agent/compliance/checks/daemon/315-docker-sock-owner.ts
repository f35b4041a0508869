// CIS 3.x: /var/run/docker.sock ownership / permissions.
import { fileCheck } from './file-perms';

export const dockerSockOwner = fileCheck(315, {
  path: '/var/run/docker.sock',
  users: ['root'],
  groups: ['docker', 'root'],
});
