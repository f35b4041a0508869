// CIS 2.7: a daemon listening on TCP must require TLS client certificates (tlsverify).
// Listeners come from daemon.json "hosts" and from dockerd's own -H flags (systemd units often set them).
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';
import { dockerdArgs, hostsFromArgs, source } from './daemon-config';

export const tlsOnTcp = daemonCheck(27, async ({ json, jsonExists, env }) => {
  const fromJson = Array.isArray(json.hosts)
    ? json.hosts.filter((h): h is string => typeof h === 'string')
    : [];
  const args = await dockerdArgs(env);
  const cli = hostsFromArgs(args ?? []);
  const tcp = [...new Set([...fromJson, ...cli.hosts].filter((h) => h.startsWith('tcp://')))];
  const where = `${source(jsonExists)}; ${args ? 'dockerd command line' : 'dockerd process not visible'}`;
  if (tcp.length === 0) return pass([`no tcp:// listener (${where})`]);
  const verify = json.tlsverify === true || cli.tlsverify;
  if (verify) return pass([`${tcp.join(', ')} with tlsverify (${where})`]);
  return fail([`${tcp.join(', ')} without tlsverify (${where})`]);
});
