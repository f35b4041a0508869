// CIS 2.2: inter-container communication on the default bridge should be off (icc=false).
import { fail, notApplicable, pass } from '../../types';
import { daemonCheck } from './daemon-check';

export const iccDisabled = daemonCheck(22, async ({ json, env }) => {
  if (json.icc === false) return pass(['daemon.json icc: false']);
  // The bridge network's options show the effective value even when set on the command line.
  const r = await env.run('docker', ['network', 'inspect', 'bridge', '--format', '{{json .Options}}']);
  if (r.status !== 0)
    return json.icc === true
      ? fail(['daemon.json icc: true'])
      : notApplicable('no default bridge network to inspect');
  let opts: Record<string, string> = {};
  try {
    opts = JSON.parse(r.stdout) as Record<string, string>;
  } catch {
    return notApplicable('docker network inspect bridge did not print JSON options');
  }
  const v = opts['com.docker.network.bridge.enable_icc'];
  return v === 'false'
    ? pass(['default bridge enable_icc=false'])
    : fail([`default bridge enable_icc=${v ?? 'true (default)'}`]);
});
