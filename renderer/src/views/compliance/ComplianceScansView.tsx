import { useEffect, useState, type JSX } from 'react';
import type { Page, ScanSummaryDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import { Pager } from '../../components/Pager';
import { ExportButtons } from '../../components/ExportButtons';
import { SCAN_COLUMNS } from '../../lib/export-columns';
import { fetchAllPages } from '../../lib/table-export';

const PAGE_SIZE = 25;

/** Monitor › Compliance › Images (the daemon's images) and › CI (published by moat images scan). */
export function ComplianceScansView({ what }: { what: 'images' | 'ci' }): JSX.Element {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<Page<ScanSummaryDto>>();
  const [error, setError] = useState<string>();
  const fetchPage = async (p: number, pageSize: number): Promise<Page<ScanSummaryDto>> => {
    if (what === 'ci') return api.invoke('scans:list', { kind: 'ci', page: p, pageSize });
    const images = await api.invoke('images:list', { page: p, pageSize, search: search || undefined });
    const scans = images.items.flatMap((i) => (i.scan && i.scan.status === 'done' ? [i.scan] : []));
    return { ...images, items: scans };
  };
  useEffect(() => {
    fetchPage(page, PAGE_SIZE).then(
      (r) => {
        setRows(r);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [what, page, search]);
  const base = what === 'ci' ? 'monitor/vulnerabilities/ci' : 'monitor/vulnerabilities/images';
  return (
    <section>
      <h1>Monitor › Compliance › {what === 'ci' ? 'CI' : 'Images'}</h1>
      <p className="muted">
        {what === 'ci'
          ? 'Compliance of the images scanned by moat images scan and published to this console.'
          : "Compliance of the images in this host's Docker daemon, checked when each image is scanned."}{' '}
        Failed checks follow the compliance rules under Defend.
      </p>
      <div className="toolbar">
        {what === 'images' && (
          <input
            aria-label="Search images"
            placeholder="Search image name or ID"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
        )}
        <ExportButtons
          name={`compliance-${what}`}
          columns={SCAN_COLUMNS}
          rows={() => fetchAllPages(fetchPage)}
        />
      </div>
      {error && <p className="error">{error}</p>}
      {rows && rows.total === 0 && (
        <p data-testid="compliance-scans-empty">
          {what === 'ci'
            ? 'No CI scans yet: run moat images scan --address <this console> to publish one.'
            : 'No scanned images yet: images in the Docker daemon are scanned when first seen.'}
        </p>
      )}
      <table className="grid" data-testid="compliance-scans">
        <thead>
          <tr>
            <th>Image</th>
            <th>Failed checks</th>
            {what === 'ci' && <th>Verdict</th>}
            <th>OS</th>
            <th>Scanned</th>
          </tr>
        </thead>
        <tbody>
          {rows?.items.map((s) => (
            <tr key={s.id} data-testid="compliance-scan-row">
              <td>
                <a href={`#/${base}/${s.id}/compliance`}>{s.ref}</a>
              </td>
              <td data-testid="compliance-scan-failed" className={s.complianceFailed > 0 ? 'error' : ''}>
                {s.complianceFailed}
              </td>
              {what === 'ci' && <td>{s.verdict?.toUpperCase() ?? '—'}</td>}
              <td>{s.os ?? '—'}</td>
              <td>{s.finishedAt ? new Date(s.finishedAt).toLocaleString() : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows && <Pager page={rows.page} pageSize={rows.pageSize} total={rows.total} onPage={setPage} />}
    </section>
  );
}
