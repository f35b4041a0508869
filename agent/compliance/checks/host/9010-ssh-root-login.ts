// sshd must not accept root logins with a password (PermitRootLogin yes).
import { sshdSettingCheck } from './sshd-config';

// OpenSSH 7.0+ defaults to prohibit-password.
export const sshRootLogin = sshdSettingCheck(
  9010,
  'PermitRootLogin',
  'prohibit-password',
  (v) => v !== 'yes',
);
