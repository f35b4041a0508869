import { useEffect, useState, type JSX } from 'react';
import type { Page, ScanSummaryDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import { SeverityCounts } from '../../components/SeverityCounts';
import { VulnVerdict } from '../../components/VulnVerdict';
import { useStore } from '../../store/index';
import { coalesce } from '../../lib/coalesce';
import { ExportButtons } from '../../components/ExportButtons';
import { SCAN_COLUMNS } from '../../lib/export-columns';
import { fetchAllPages } from '../../lib/table-export';

/** Monitor › Vulnerabilities › Hosts: scans of the console's own host (packages, findings, host compliance). */
export function HostsView(): JSX.Element {
  const [scans, setScans] = useState<Page<ScanSummaryDto> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const progress = useStore((s) => s.scanProgress);
  // Progress is pushed many times a second while a host scan runs: one request at a time.
  const [load] = useState(() =>
    coalesce(() =>
      api
        .invoke('scans:list', { kind: 'host', pageSize: 20 })
        .then(setScans, (e: Error) => setError(e.message)),
    ),
  );
  useEffect(load, [load, progress]);
  const running = scans?.items.some((s) => s.status === 'running');
  return (
    <section>
      <h1>Monitor › Vulnerabilities › Hosts</h1>
      <div className="toolbar">
        <button
          disabled={running}
          onClick={() => void api.invoke('hosts:scan', {}).then(load, (e: Error) => setError(e.message))}
        >
          {running ? 'Scanning this host…' : 'Scan this host'}
        </button>
        <span className="muted">
          Reads the OS package database and checks the host and Docker daemon settings.
        </span>
        <ExportButtons
          name="host-scans"
          columns={SCAN_COLUMNS}
          rows={() =>
            fetchAllPages((page, pageSize) => api.invoke('scans:list', { kind: 'host', page, pageSize }))
          }
        />
      </div>
      {error && <p className="error">{error}</p>}
      <table className="grid" data-testid="hosts-table">
        <thead>
          <tr>
            <th>Host</th>
            <th>OS</th>
            <th>Vulnerabilities (C H M L)</th>
            <th>Verdict</th>
            <th>Compliance failures</th>
            <th>Packages</th>
            <th>Scanned</th>
          </tr>
        </thead>
        <tbody>
          {scans?.items.map((s) => (
            <tr key={s.id} data-testid="host-row">
              <td>
                {s.status === 'done' ? (
                  <a href={`#/monitor/vulnerabilities/hosts/${s.id}`}>{s.ref}</a>
                ) : (
                  s.ref
                )}
              </td>
              <td>{s.os ?? '—'}</td>
              <td>{s.status === 'done' ? <SeverityCounts counts={s.vulns} /> : s.status}</td>
              <td>{s.status === 'done' ? <VulnVerdict verdict={s.vulnVerdict} /> : '—'}</td>
              <td>{s.status === 'done' ? s.complianceFailed : '—'}</td>
              <td>{s.status === 'done' ? s.packages : '—'}</td>
              <td title={s.error}>{s.finishedAt ? new Date(s.finishedAt).toLocaleString() : s.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
