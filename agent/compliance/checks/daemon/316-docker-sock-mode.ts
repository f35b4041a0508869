// CIS 3.x: /var/run/docker.sock ownership / permissions.
import { fileCheck } from './file-perms';

export const dockerSockMode = fileCheck(316, { path: '/var/run/docker.sock', maxMode: 0o660 });
