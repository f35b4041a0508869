import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import type { ModelDetailDto } from '../../../../electron/contract/index';
import { ModelLearningForm } from './ModelLearningForm';

const TABS = ['Processes', 'Networking', 'File system', 'History'] as const;

export function ModelDetailView({ id }: { id: string }): JSX.Element {
  const m = useStore((s) => s.modelDetail);
  const error = useStore((s) => s.runtimeError);
  const load = useStore((s) => s.loadModel);
  const relearn = useStore((s) => s.relearn);
  const [tab, setTab] = useState<(typeof TABS)[number]>('Processes');
  useEffect(() => {
    void load(id);
    const t = setInterval(() => void load(id), 3000);
    return () => clearInterval(t);
  }, [load, id]);
  if (!m || m.id !== id)
    return <p>{error ? <span className="error">{error}</span> : `Loading model ${id}…`}</p>;
  return (
    <section>
      <p>
        <a href="#/monitor/runtime/models">‹ Container models</a>
      </p>
      <h1 data-testid="model-image">{m.image}</h1>
      <p>
        <span data-testid="model-detail-state">
          {m.state}
          {m.manual ? ' (manual learning)' : ''}
        </span>
        {m.learningEndsAt && (
          <span className="muted"> · learning until {new Date(m.learningEndsAt).toLocaleString()}</span>
        )}{' '}
        {m.state === 'learning' ? (
          <button onClick={() => void relearn(m.id, 'stop')}>Stop learning</button>
        ) : (
          <button onClick={() => void relearn(m.id, 'start')}>Start manual relearning</button>
        )}
      </p>
      {m.state === 'archived' && m.deleteAt && (
        <p className="muted" data-testid="model-archived">
          No container uses this image since {new Date(m.archivedAt ?? m.deleteAt).toLocaleString()}; the
          model is deleted after {new Date(m.deleteAt).toLocaleString()} unless a container of the image
          appears again.
        </p>
      )}
      <ModelLearningForm m={m} />
      <div className="tabs">
        {TABS.map((t) => (
          <button key={t} className={t === tab ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      {tab === 'Processes' && <ProcessesTab m={m} />}
      {tab === 'Networking' && <NetworkingTab m={m} />}
      {tab === 'File system' && <FilesTab m={m} />}
      {tab === 'History' && <HistoryTab m={m} />}
    </section>
  );
}

function ProcessesTab({ m }: { m: ModelDetailDto }): JSX.Element {
  return (
    <table className="grid" data-testid="model-processes">
      <thead>
        <tr>
          <th>Name</th>
          <th>Path</th>
          <th>Parent</th>
          <th>User</th>
        </tr>
      </thead>
      <tbody>
        {m.processes.map((p, i) => (
          <tr key={i}>
            <td>{p.name}</td>
            <td className="mono">{p.path}</td>
            <td>{p.parent ?? '—'}</td>
            <td>{p.user ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NetworkingTab({ m }: { m: ModelDetailDto }): JSX.Element {
  return (
    <div data-testid="model-network">
      <h2>Listening ports</h2>
      <p>{m.listening.length > 0 ? m.listening.join(', ') : 'none'}</p>
      <h2>Outbound destinations</h2>
      <ul>
        {m.outbound.length === 0 && <li>none</li>}
        {m.outbound.map((o, i) => (
          <li key={i} className="mono">
            {o.addr}:{o.port}
          </li>
        ))}
      </ul>
      <h2>DNS names</h2>
      <ul>
        {m.dns.length === 0 && <li>none</li>}
        {m.dns.map((d) => (
          <li key={d} className="mono">
            {d}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FilesTab({ m }: { m: ModelDetailDto }): JSX.Element {
  return (
    <ul data-testid="model-files">
      {m.fileDirs.length === 0 && <li>No writes learned.</li>}
      {[...m.fileDirs].sort().map((d) => (
        <li key={d} className="mono">
          {d}
        </li>
      ))}
    </ul>
  );
}

function HistoryTab({ m }: { m: ModelDetailDto }): JSX.Element {
  return (
    <table className="grid" data-testid="model-history">
      <thead>
        <tr>
          <th>Time</th>
          <th>Change</th>
          <th>Detail</th>
          <th>Container</th>
        </tr>
      </thead>
      <tbody>
        {[...m.history].reverse().map((h, i) => (
          <tr key={i}>
            <td>{new Date(h.time).toLocaleString()}</td>
            <td>{h.kind}</td>
            <td>{h.detail}</td>
            <td className="mono">{h.container?.slice(0, 12) ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
