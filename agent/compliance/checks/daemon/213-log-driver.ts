// CIS 2.13: container logs should go to a central/remote log driver, not only local files.
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';

const CENTRAL = new Set([
  'syslog',
  'journald',
  'gelf',
  'fluentd',
  'awslogs',
  'splunk',
  'gcplogs',
  'logentries',
  'etwlogs',
]);

export const logDriver = daemonCheck(213, ({ info }) => {
  const d = info.LoggingDriver ?? '';
  if (CENTRAL.has(d)) return pass([`LoggingDriver ${d}`]);
  return fail([
    d === 'none'
      ? 'LoggingDriver none: container logs are discarded'
      : `LoggingDriver ${d || '(unknown)'}: logs stay on this host only`,
  ]);
});
