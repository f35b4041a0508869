import type { JSX } from 'react';
import type { ComplianceRowDto } from '../../../electron/contract/index';

const ORDER = { fail: 0, error: 1, pass: 2, not_applicable: 3 } as const;

/** Check results with failures first; passed checks show no evidence, the rest say why. */
export function ComplianceTable({ rows, testId }: { rows: ComplianceRowDto[]; testId: string }): JSX.Element {
  const sorted = [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.checkId - b.checkId);
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>ID</th>
          <th>Result</th>
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
            <td>{c.severity}</td>
            <td>{c.title}</td>
            <td className="mono">{c.status === 'pass' ? '' : c.evidence.join('; ') || c.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
