import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { DockerBadge } from '../../components/DockerBadge';
import { ArchiveDeleteForm } from './ArchiveDeleteForm';
import { LearningPeriodForm } from './LearningPeriodForm';
import { AgentLinkFacts } from './AgentLinkFacts';
import { RuntimeOffNotice } from './RuntimeOffNotice';
import { modeLabel } from './runtime-mode';

export function DefendersView(): JSX.Element {
  const status = useStore((s) => s.runtimeStatus);
  const dashboard = useStore((s) => s.dashboard);
  const error = useStore((s) => s.runtimeError);
  const loadStatus = useStore((s) => s.loadRuntimeStatus);
  const loadDashboard = useStore((s) => s.loadDashboard);
  useEffect(() => {
    void loadStatus();
    void loadDashboard();
    const t = setInterval(() => void loadStatus(), 2000);
    return () => clearInterval(t);
  }, [loadStatus, loadDashboard]);
  return (
    <section>
      <h1>Manage › Defenders</h1>
      {error && <p className="error">{error}</p>}
      <div className="card" data-testid="defender-local">
        <h2>
          This host{dashboard ? ` (${dashboard.host.hostname})` : ''}
          {status ? ` · runtime defense: ${modeLabel(status.mode)}` : ''}
        </h2>
        <dl className="facts">
          <dt>Docker</dt>
          <dd>{dashboard ? <DockerBadge docker={dashboard.docker} /> : '…'}</dd>
          <dt>Docker endpoint</dt>
          <dd className="mono">{dashboard?.docker.endpoint ?? '…'}</dd>
          <dt>Runtime mode</dt>
          <dd data-testid="runtime-mode">{status ? modeLabel(status.mode) : '…'}</dd>
          <dt>Sensor backend</dt>
          <dd data-testid="runtime-backend">{status?.backend ?? '—'}</dd>
          <dt>Why</dt>
          <dd data-testid="runtime-reason">{status?.reason ?? '…'}</dd>
          <dt>State</dt>
          <dd>{status ? `${status.phase}${status.running ? ', all sensors running' : ''}` : '…'}</dd>
          <dt>Restarts · lost events · dropped</dt>
          <dd>{status ? `${status.restarts} · ${status.lost} · ${status.dropped}` : '…'}</dd>
          <dt>Learning period</dt>
          <dd>{status ? `${status.learningSeconds} s (${status.learningSource})` : '…'}</dd>
          {status?.lastError && (
            <>
              <dt>Last error</dt>
              <dd className="error">{status.lastError}</dd>
            </>
          )}
        </dl>
        {status && <AgentLinkFacts status={status} />}
        {status && status.sensors.length > 0 && (
          <table className="grid" data-testid="sensors">
            <thead>
              <tr>
                <th>Sensor</th>
                <th>Running</th>
                <th>Restarts</th>
                <th>Lost</th>
                <th>Note</th>
              </tr>
            </thead>
            <tbody>
              {status.sensors.map((s) => (
                <tr key={s.backend}>
                  <td>{s.backend}</td>
                  <td>{s.running ? 'yes' : 'no'}</td>
                  <td>{s.restarts}</td>
                  <td>{s.lost}</td>
                  <td>{s.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {status && <RuntimeOffNotice status={status} />}
      <LearningPeriodForm />
      <ArchiveDeleteForm />
    </section>
  );
}
