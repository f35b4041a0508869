import { useCallback, useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { RadarGraph } from './RadarGraph';
import { ExportButtons } from '../../components/ExportButtons';
import { RADAR_COLUMNS } from '../../lib/export-columns';

export function RadarView(): JSX.Element {
  const radar = useStore((s) => s.radar);
  const error = useStore((s) => s.radarError);
  const load = useStore((s) => s.loadRadar);
  const navigate = useStore((s) => s.navigate);
  useEffect(() => {
    void load();
    // Models learn connections without Docker events; a slow refresh keeps edges current.
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);
  const open = useCallback(
    (nodeId: string) => {
      const imageId = nodeId.replace(/^image:/, '');
      navigate(`/monitor/runtime/models/${encodeURIComponent(imageId)}`);
    },
    [navigate],
  );
  const edgesFrom = (id: string): string =>
    (radar?.edges ?? [])
      .filter((e) => e.source === id)
      .map((e) => `${radar?.nodes.find((n) => n.id === e.target)?.label ?? e.target} (${e.ports.join(', ')})`)
      .join('; ');
  return (
    <section>
      <h1>Radar › Containers</h1>
      <p className="muted">
        One node per image with running containers, coloured by its worst vulnerability; a pink outline marks
        images whose containers were audited in the last {radar?.windowHours ?? 24} hours. Arrows are
        connections the container models learned.
      </p>
      <div className="toolbar">
        <button onClick={() => void load()}>Refresh</button>
        <ExportButtons name="radar" columns={RADAR_COLUMNS} rows={async () => radar?.nodes ?? []} />
      </div>
      {error && <p className="error">{error}</p>}
      {radar && radar.nodes.length === 0 && (
        <p data-testid="radar-empty">No containers are running. Start one and it appears here.</p>
      )}
      {radar && radar.nodes.length > 0 && <RadarGraph radar={radar} onOpen={open} />}
      <table className="grid" data-testid="radar-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Containers</th>
            <th>Networks</th>
            <th>Vulnerabilities (C H M L)</th>
            <th>Compliance failed</th>
            <th>Model</th>
            <th>Listening</th>
            <th>Audits</th>
            <th>Connects to</th>
          </tr>
        </thead>
        <tbody>
          {radar?.nodes.map((n) => (
            <tr key={n.id} data-testid="radar-node" data-kind={n.kind}>
              <td>
                {n.kind === 'image' ? (
                  <a href={`#/monitor/runtime/models/${encodeURIComponent(n.imageId ?? '')}`}>{n.label}</a>
                ) : (
                  <span className="mono">{n.label}</span>
                )}
              </td>
              <td>{n.containers.join(', ')}</td>
              <td>{n.networks.join(', ')}</td>
              <td>
                {n.vulns ? `${n.vulns.critical} ${n.vulns.high} ${n.vulns.medium} ${n.vulns.low}` : '—'}
              </td>
              <td>{n.vulns?.complianceFailed ?? '—'}</td>
              <td>{n.modelState ?? '—'}</td>
              <td>{n.listening.join(', ')}</td>
              <td data-testid="radar-audits">{n.audits}</td>
              <td data-testid="radar-edges">{edgesFrom(n.id)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
