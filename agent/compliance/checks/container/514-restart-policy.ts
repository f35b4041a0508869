// CIS 5.15 (v1.6.0): restart on failure at most 5 times; "always"/"unless-stopped" hide crash loops.
import { fail, pass, type ComplianceCheck } from '../../types';

export const restartPolicy: ComplianceCheck<'container'> = {
  id: 514,
  kind: 'container',
  evaluate(c) {
    const name = c.HostConfig.RestartPolicy?.Name ?? '';
    const max = c.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
    if (name === '' || name === 'no') return pass(['restart policy "no": never restarted automatically']);
    if (name === 'on-failure' && max > 0 && max <= 5) return pass([`restart policy on-failure:${max}`]);
    return fail([
      `restart policy ${name}${name === 'on-failure' ? `:${max}` : ''} (want on-failure with at most 5 retries)`,
    ]);
  },
};
