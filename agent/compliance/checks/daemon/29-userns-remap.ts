// CIS 2.9: user-namespace remapping makes root in a container an unprivileged user on the host.
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';

export const usernsRemap = daemonCheck(29, ({ info, json }) => {
  const on = (info.SecurityOptions ?? []).some((o) => o.includes('name=userns'));
  if (on) return pass(['docker info SecurityOptions include name=userns']);
  return fail([
    `user namespace remapping is off${typeof json['userns-remap'] === 'string' ? ' (daemon.json sets it but the daemon does not report it)' : ''}`,
  ]);
});
