// CIS 2.16 (v1.6.0): the userland proxy is an extra root process per published port; hairpin NAT replaces it.
import { fail, pass } from '../../types';
import { daemonCheck } from './daemon-check';
import { source } from './daemon-config';

export const userlandProxy = daemonCheck(215, ({ json, jsonExists }) =>
  json['userland-proxy'] === false
    ? pass(['daemon.json userland-proxy: false'])
    : fail([
        `userland-proxy enabled (${json['userland-proxy'] === true ? 'daemon.json true' : `default; ${source(jsonExists)}`})`,
      ]),
);
