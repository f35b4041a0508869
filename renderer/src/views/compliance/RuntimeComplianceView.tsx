import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { ComplianceTable } from '../../components/ComplianceTable';
import { ExportButtons } from '../../components/ExportButtons';
import { CONTAINER_CHECK_COLUMNS, containerCheckRows } from '../../lib/export-columns';
import type { ComplianceRowDto } from '../../../../electron/contract/index';

export function RuntimeComplianceView({ what }: { what: 'containers' | 'hosts' }): JSX.Element {
  const containers = useStore((s) => s.containerCompliance);
  const host = useStore((s) => s.hostCompliance);
  const error = useStore((s) => s.complianceError);
  const load = useStore((s) => s.loadRuntimeCompliance);
  const [open, setOpen] = useState<string | undefined>();
  useEffect(() => void load(), [load]);
  // A rule decides what counts as failed (its fail effects); without one every failed or erroring check does.
  const failing = (rows: ComplianceRowDto[]): number =>
    rows.filter((r) => (r.outcome ? r.outcome === 'fail' : r.status === 'fail' || r.status === 'error'))
      .length;
  const alerted = (rows: ComplianceRowDto[]): number => rows.filter((r) => r.outcome === 'alert').length;
  return (
    <section>
      <h1>Monitor › Compliance › {what === 'containers' ? 'Containers' : 'Hosts'}</h1>
      <div className="toolbar">
        <button onClick={() => void load()}>Re-evaluate</button>
        {what === 'containers' && (
          <ExportButtons
            name="container-compliance"
            columns={CONTAINER_CHECK_COLUMNS}
            rows={async () => containerCheckRows(containers ?? [])}
          />
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {what === 'hosts' && host && (
        <div className="card">
          <h2 data-testid="host-compliance-summary">
            {host.host} · {failing(host.results)} failed
            {host.rule !== undefined && ` · ${alerted(host.results)} alerted`}
          </h2>
          <p className="muted" data-testid="host-compliance-rule">
            {host.rule !== undefined ? (
              <>
                Judged by hosts compliance rule “{host.rule}”: {host.pass ? 'PASS' : 'FAIL'}.
              </>
            ) : (
              <>
                No hosts compliance rule holds this host: every check is shown, none is judged. Add one in{' '}
                <a href="#/defend/rules/hosts">Defend › Compliance rules › Hosts</a>.
              </>
            )}
          </p>
          <ComplianceTable rows={host.results} testId="host-compliance" />
        </div>
      )}
      {what === 'containers' && containers && (
        <table className="grid" data-testid="container-compliance">
          <thead>
            <tr>
              <th>Container</th>
              <th>Image</th>
              <th>Rule</th>
              <th>Failed checks</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {containers.length === 0 && (
              <tr>
                <td colSpan={5}>No running containers.</td>
              </tr>
            )}
            {containers.map((c) => (
              <tr key={c.id} data-testid="container-row">
                <td>{c.name}</td>
                <td>{c.image}</td>
                <td>{c.rule ?? '—'}</td>
                <td>
                  {failing(c.results)}
                  {open === c.id && (
                    <ComplianceTable rows={c.results} testId={`container-checks-${c.name}`} />
                  )}
                </td>
                <td>
                  <button onClick={() => setOpen(open === c.id ? undefined : c.id)}>
                    {open === c.id ? 'Hide' : 'Details'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
