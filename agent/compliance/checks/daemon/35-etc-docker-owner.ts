// CIS 3.x: /etc/docker ownership / permissions.
import { fileCheck } from './file-perms';

export const etcDockerOwner = fileCheck(35, { path: '/etc/docker', users: ['root'], groups: ['root'] });
