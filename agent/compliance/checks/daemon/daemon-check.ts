// Shared shape of daemon checks: load daemon.json (and docker info when asked), map errors to outcomes.
import { errored, notApplicable, type CheckOutcome, type ComplianceCheck } from '../../types';
import { errorText, type HostEnv } from '../host/host-env';
import { dockerInfo, readDaemonJson, type DaemonJson, type DockerInfo } from './daemon-config';

export interface DaemonView {
  json: DaemonJson;
  jsonExists: boolean;
  info: DockerInfo;
  env: HostEnv;
}

export function daemonCheck(
  id: number,
  decide: (v: DaemonView) => CheckOutcome | Promise<CheckOutcome>,
): ComplianceCheck<'daemon'> {
  return {
    id,
    kind: 'daemon',
    async evaluate(env) {
      let json: { config: DaemonJson; exists: boolean };
      try {
        json = await readDaemonJson(env);
      } catch (e) {
        return errored(errorText(e));
      }
      const info = await dockerInfo(env);
      if (typeof info === 'string') return notApplicable(`cannot query the Docker daemon: ${info}`);
      return decide({ json: json.config, jsonExists: json.exists, info, env });
    },
  };
}
