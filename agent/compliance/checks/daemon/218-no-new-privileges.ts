// CIS 2.14 (v1.6.0): daemon-wide no-new-privileges makes it the default for every container.
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';
import { source } from './daemon-config';

export const daemonNoNewPrivileges = daemonCheck(218, ({ json, jsonExists }) =>
  json['no-new-privileges'] === true
    ? pass(['daemon.json no-new-privileges: true'])
    : fail([`no-new-privileges not set daemon-wide (${source(jsonExists)})`]),
);
