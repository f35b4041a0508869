// Prisma 426: crypto-miner executables, recognised by name or by a miner-list hash.
import { failIfAny, type ComplianceCheck } from '../../types';
import { describeFinding, incomplete } from './incomplete';

export const cryptoMiners: ComplianceCheck<'image'> = {
  id: 426,
  kind: 'image',
  evaluate(input) {
    const inc = incomplete(input);
    if (inc) return inc;
    return failIfAny(
      input.facts.miners.map(describeFinding),
      'no executable with a known miner name or hash',
    );
  },
};
