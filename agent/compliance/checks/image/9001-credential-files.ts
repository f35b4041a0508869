// Credential files left in the image: cloud, registry, npm, git, SSH, PyPI and netrc credentials.
import { failIfAny, type ComplianceCheck } from '../../types';
import { describeFinding, incomplete } from './incomplete';

export const credentialFiles: ComplianceCheck<'image'> = {
  id: 9001,
  kind: 'image',
  evaluate(input) {
    const inc = incomplete(input);
    if (inc) return inc;
    return failIfAny(input.facts.credentials.map(describeFinding), 'no credential file holding a credential');
  },
};
