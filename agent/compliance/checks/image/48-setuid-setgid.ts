// CIS 4.8: setuid/setgid files are privilege-escalation paths; few images need any.
import { failIfAny, type ComplianceCheck } from '../../types';
import { describeFinding, incomplete } from './incomplete';

export const setuidFiles: ComplianceCheck<'image'> = {
  id: 48,
  kind: 'image',
  evaluate(input) {
    const inc = incomplete(input);
    if (inc) return inc;
    const found = input.facts.setuid.filter((f) => f.present !== false).map(describeFinding);
    return failIfAny(found, 'no setuid or setgid regular files in the final image');
  },
};
