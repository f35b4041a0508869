// Prisma 599: the container's processes run as root (Config.User empty, root or 0).
import { isRootUser } from '../image/41-non-root-user';
import { fail, pass, type ComplianceCheck } from '../../types';

export const runsAsRoot: ComplianceCheck<'container'> = {
  id: 599,
  kind: 'container',
  evaluate(c) {
    const user = c.Config?.User ?? '';
    return isRootUser(user)
      ? fail([user ? `User ${user}` : 'no User set: runs as root'])
      : pass([`User ${user}`]);
  },
};
