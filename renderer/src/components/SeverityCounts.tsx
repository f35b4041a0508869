import type { JSX } from 'react';
import type { SeverityName } from '../../../electron/contract/index';

const ORDER: SeverityName[] = ['critical', 'high', 'medium', 'low'];

export function SeverityCounts({ counts }: { counts: Record<SeverityName, number> }): JSX.Element {
  return (
    <span className="sev-counts">
      {ORDER.map((s) => (
        <span key={s} className={`sev sev-${s}`} title={s} data-testid={`sev-${s}`}>
          {counts[s]}
        </span>
      ))}
    </span>
  );
}
