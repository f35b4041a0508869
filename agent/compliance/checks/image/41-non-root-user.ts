// CIS 4.1: the image names a non-root USER, so containers do not run as root by default.
import { fail, pass, type ComplianceCheck } from '../../types';

export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === '' || name === 'root' || name === '0';
}

export const nonRootUser: ComplianceCheck<'image'> = {
  id: 41,
  kind: 'image',
  evaluate({ inventory }) {
    const user = inventory.image.user;
    if (isRootUser(user))
      return fail([user.trim() === '' ? 'no USER instruction: runs as root' : `USER ${user}`]);
    return pass([`USER ${user}`]);
  },
};
