import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';
import { RuntimeOffNotice } from '../manage/RuntimeOffNotice';
import { ExportButtons } from '../../components/ExportButtons';
import { api } from '../../api/client';
import { MODEL_COLUMNS } from '../../lib/export-columns';
import { fetchAllPages } from '../../lib/table-export';

export function ModelsView(): JSX.Element {
  const models = useStore((s) => s.models);
  const error = useStore((s) => s.runtimeError);
  const status = useStore((s) => s.runtimeStatus);
  const load = useStore((s) => s.loadModels);
  const loadStatus = useStore((s) => s.loadRuntimeStatus);
  const relearn = useStore((s) => s.relearn);
  useEffect(() => {
    void load();
    void loadStatus();
    // Learning deadlines pass and new images start containers: a slow refresh keeps states current.
    const t = setInterval(() => void load(), 3000);
    return () => clearInterval(t);
  }, [load, loadStatus]);
  return (
    <section>
      <h1>Monitor › Runtime › Container models</h1>
      <p className="muted">
        One model per image, learned from what its containers do; anything outside an active model is a
        container audit.
      </p>
      {status && <RuntimeOffNotice status={status} />}
      <div className="toolbar">
        <ExportButtons
          name="container-models"
          columns={MODEL_COLUMNS}
          rows={() => fetchAllPages((page, pageSize) => api.invoke('models:list', { page, pageSize }))}
        />
      </div>
      {error && <p className="error">{error}</p>}
      {models && models.total === 0 && (
        <p data-testid="models-empty">No models yet: they are created when a container starts.</p>
      )}
      <table className="grid" data-testid="models-table">
        <thead>
          <tr>
            <th>Image</th>
            <th>State</th>
            <th>Processes</th>
            <th>Network</th>
            <th>File dirs</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {models?.items.map((m) => (
            <tr key={m.id} data-testid="model-row">
              <td>
                <a href={`#/monitor/runtime/models/${encodeURIComponent(m.id)}`}>{m.image}</a>
              </td>
              <td data-testid="model-state">
                {m.state}
                {m.manual ? ' (manual)' : ''}
                {m.learningEndsAt && (
                  <span className="muted"> until {new Date(m.learningEndsAt).toLocaleTimeString()}</span>
                )}
              </td>
              <td>{m.counts.processes}</td>
              <td>
                {m.counts.listening} listening · {m.counts.outbound} outbound · {m.counts.dns} DNS
              </td>
              <td>{m.counts.fileDirs}</td>
              <td>
                {m.state === 'learning' ? (
                  <button onClick={() => void relearn(m.id, 'stop')}>Stop learning</button>
                ) : (
                  <button onClick={() => void relearn(m.id, 'start')}>Relearn</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {models && models.total > 0 && (
        <Pager
          page={models.page}
          pageSize={models.pageSize}
          total={models.total}
          onPage={(p) => void load(p)}
        />
      )}
    </section>
  );
}
