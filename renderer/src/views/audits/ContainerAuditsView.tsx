import { useEffect, useState, type JSX } from 'react';
import type { AuditKindName } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';
import { auditsToCsv, auditsToJson } from './audit-export';
import { downloadText, exportStamp } from '../../lib/table-export';

const KINDS: AuditKindName[] = ['process', 'listen', 'outbound', 'dns', 'file-system'];

export function ContainerAuditsView(): JSX.Element {
  const audits = useStore((s) => s.audits);
  const filter = useStore((s) => s.auditFilter);
  const error = useStore((s) => s.runtimeError);
  const load = useStore((s) => s.loadAudits);
  const setFilter = useStore((s) => s.setAuditFilter);
  const allAudits = useStore((s) => s.allAudits);
  const [search, setSearch] = useState(filter.search ?? '');
  useEffect(() => void load(1), [load]);
  const exportAs = async (format: 'json' | 'csv'): Promise<void> => {
    const rows = await allAudits();
    const stamp = exportStamp();
    if (format === 'json') downloadText(`moat-audits-${stamp}.json`, 'application/json', auditsToJson(rows));
    else downloadText(`moat-audits-${stamp}.csv`, 'text/csv', auditsToCsv(rows));
  };
  return (
    <section>
      <h1>Monitor › Events › Container audits</h1>
      <p className="muted">
        Behaviour outside a container's active model. New audits appear here as they happen.
      </p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void setFilter({ ...filter, search: search.trim() || undefined });
        }}
      >
        <select
          aria-label="Kind"
          data-testid="audit-kind"
          value={filter.kind ?? ''}
          onChange={(e) =>
            void setFilter({ ...filter, kind: (e.target.value || undefined) as AuditKindName | undefined })
          }
        >
          <option value="">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <input
          aria-label="Search audits"
          data-testid="audit-search"
          placeholder="Search process, path, address, container, image…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="submit">Search</button>
        <button type="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      {audits && audits.total === 0 && <p data-testid="audits-empty">No container audits.</p>}
      <table className="grid" data-testid="audits-table">
        <thead>
          <tr>
            <th>Last seen</th>
            <th>Kind</th>
            <th>What</th>
            <th>Process</th>
            <th>Container</th>
            <th>Image</th>
            <th>Rule</th>
            <th>Count</th>
          </tr>
        </thead>
        <tbody>
          {audits?.items.map((a) => (
            <tr key={a.id} data-testid="audit-row">
              <td>{new Date(a.lastSeen).toLocaleString()}</td>
              <td>{a.kind}</td>
              <td className="mono" data-testid="audit-what">
                {a.what}
              </td>
              <td>{a.process}</td>
              <td className="mono">{a.container.slice(0, 12)}</td>
              <td>{a.image}</td>
              <td>{a.rule}</td>
              <td>{a.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {audits && audits.total > 0 && (
        <Pager
          page={audits.page}
          pageSize={audits.pageSize}
          total={audits.total}
          onPage={(p) => void load(p)}
        />
      )}
    </section>
  );
}
