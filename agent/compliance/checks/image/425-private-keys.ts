// Prisma 425: private keys stored in the image (PEM PKCS#1/PKCS#8/EC/DSA/OpenSSH, PGP, PuTTY).
import { failIfAny, type ComplianceCheck } from '../../types';
import { describeFinding, incomplete } from './incomplete';

export const privateKeys: ComplianceCheck<'image'> = {
  id: 425,
  kind: 'image',
  evaluate(input) {
    const inc = incomplete(input);
    if (inc) return inc;
    // Keys deleted by a later layer still ship in the lower layer's blob, so they count too.
    return failIfAny(input.facts.privateKeys.map(describeFinding), 'no private key found in any layer');
  },
};
