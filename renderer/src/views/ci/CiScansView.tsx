import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';
import { SeverityCounts } from '../../components/SeverityCounts';
import { ExportButtons } from '../../components/ExportButtons';
import { api } from '../../api/client';
import { SCAN_COLUMNS } from '../../lib/export-columns';
import { fetchAllPages } from '../../lib/table-export';

export function CiScansView(): JSX.Element {
  const scans = useStore((s) => s.ciScans);
  const error = useStore((s) => s.ciError);
  const load = useStore((s) => s.loadCiScans);
  useEffect(() => void load(), [load]);
  return (
    <section>
      <h1>Monitor › Vulnerabilities › CI</h1>
      <p className="muted">
        Results published by <code>moat images scan --address … --token …</code>.
      </p>
      <div className="toolbar">
        <ExportButtons
          name="ci-scans"
          columns={SCAN_COLUMNS}
          rows={() =>
            fetchAllPages((page, pageSize) => api.invoke('scans:list', { kind: 'ci', page, pageSize }))
          }
        />
      </div>
      {error && <p className="error">{error}</p>}
      {scans && scans.total === 0 && <p data-testid="ci-empty">No CI scans have been published yet.</p>}
      <table className="grid" data-testid="ci-table">
        <thead>
          <tr>
            <th>Verdict</th>
            <th>Image</th>
            <th>Vulnerabilities (C H M L)</th>
            <th>Run by</th>
            <th>Host</th>
            <th>Time</th>
          </tr>
        </thead>
        <tbody>
          {scans?.items.map((s) => (
            <tr key={s.id} data-testid="ci-row">
              <td>
                <span className={`verdict verdict-${s.verdict ?? 'unknown'}`}>
                  {(s.verdict ?? '—').toUpperCase()}
                </span>
              </td>
              <td>
                <a href={`#/monitor/vulnerabilities/ci/${s.id}`}>{s.ref}</a>
              </td>
              <td>
                <SeverityCounts counts={s.vulns} />
              </td>
              <td>{s.sourceUser ?? '—'}</td>
              <td>{s.sourceHost ?? '—'}</td>
              <td>{new Date(s.finishedAt ?? s.startedAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {scans && scans.total > 0 && (
        <Pager page={scans.page} pageSize={scans.pageSize} total={scans.total} onPage={(p) => void load(p)} />
      )}
    </section>
  );
}
