import type { JSX } from 'react';
import type { VulnVerdictDto } from '../../../electron/contract/index';

/** The verdict of the vulnerability rule that applied (deployed images, hosts), or a dash when no rule applies. */
export function VulnVerdict({ verdict }: { verdict?: VulnVerdictDto }): JSX.Element {
  if (!verdict)
    return (
      <span className="muted" title="no vulnerability rule applies">
        —
      </span>
    );
  const word = verdict.pass ? (verdict.alerting > 0 ? 'alert' : 'pass') : 'fail';
  return (
    <span
      data-testid="vuln-verdict"
      title={`rule "${verdict.rule}": ${verdict.failing} failing, ${verdict.alerting} alerting`}
    >
      <span className={`verdict verdict-${word === 'alert' ? 'pass' : word}`}>{word.toUpperCase()}</span>{' '}
      <span className="muted">{verdict.rule}</span>
    </span>
  );
}
