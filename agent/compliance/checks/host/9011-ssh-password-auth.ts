// sshd should accept keys only: PasswordAuthentication defaults to yes, so it must be set to no.
import { sshdSettingCheck } from './sshd-config';

export const sshPasswordAuth = sshdSettingCheck(9011, 'PasswordAuthentication', 'yes', (v) => v === 'no');
