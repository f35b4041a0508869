// CIS 2.15 (v1.6.0): live-restore keeps containers running while the daemon restarts or upgrades.
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';

export const liveRestore = daemonCheck(214, ({ info }) =>
  info.LiveRestoreEnabled === true ? pass(['LiveRestoreEnabled true']) : fail(['LiveRestoreEnabled false']),
);
