import type { JSX } from 'react';
import type { ComplianceRowDto } from '../../../electron/contract/index';

const ORDER = { fail: 0, error: 1, pass: 2, not_applicable: 3 } as const;

const OUTCOME = { fail: 0, alert: 1, ok: 2 } as const;
const OUTCOME_LABEL = { fail: 'failed', alert: 'alerted', ok: 'ok' } as const;

/**
 * Check results with failures first; passed checks show no evidence, the rest say why. Rows a rule judged also show
 * the rule's effect and outcome, and sort by outcome.
 */
export function ComplianceTable({ rows, testId }: { rows: ComplianceRowDto[]; testId: string }): JSX.Element {
  const judged = rows.some((r) => r.outcome !== undefined);
  const rank = (r: ComplianceRowDto): number => (r.outcome ? OUTCOME[r.outcome] : 0);
  const sorted = [...rows].sort(
    (a, b) => rank(a) - rank(b) || ORDER[a.status] - ORDER[b.status] || a.checkId - b.checkId,
  );
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>ID</th>
          <th>Result</th>
          {judged && <th>Rule effect</th>}
          {judged && <th>Outcome</th>}
          <th>Severity</th>
          <th>Check</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.checkId} data-testid={`check-${c.checkId}`}>
            <td>{c.checkId}</td>
            <td>
              <span className={`verdict verdict-${c.status}`}>{c.status.replace('_', ' ')}</span>
            </td>
            {judged && <td>{c.effect}</td>}
            {judged && (
              <td data-testid="check-outcome">
                {c.outcome && (
                  <span className={`verdict verdict-${c.outcome === 'ok' ? 'pass' : c.outcome}`}>
                    {OUTCOME_LABEL[c.outcome]}
                  </span>
                )}
              </td>
            )}
            <td>{c.severity}</td>
            <td>{c.title}</td>
            <td className="mono">{c.status === 'pass' ? '' : c.evidence.join('; ') || c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
