import type { JSX } from 'react';
import { useEffect } from 'react';
import { useStore } from '../../store/index';
import { DockerBadge } from '../../components/DockerBadge';
import { Stat } from '../../components/Stat';

export function DashboardView(): JSX.Element {
  const dashboard = useStore((s) => s.dashboard);
  const error = useStore((s) => s.dashboardError);
  const load = useStore((s) => s.loadDashboard);
  useEffect(() => void load(), [load]);

  if (error) return <p className="error">Cannot load the dashboard: {error}</p>;
  if (!dashboard) return <p>Loading…</p>;
  const { host, docker, counts } = dashboard;
  return (
    <section>
      <h1>Dashboard</h1>
      <div className="card">
        <h2>Host</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd data-testid="host-name">{host.hostname}</dd>
          <dt>OS</dt>
          <dd data-testid="host-os">{host.os}</dd>
          <dt>Kernel</dt>
          <dd data-testid="host-kernel">{host.kernel}</dd>
          <dt>Architecture</dt>
          <dd>{host.arch}</dd>
        </dl>
      </div>
      <div className="card">
        <h2>
          Docker <DockerBadge docker={docker} />
        </h2>
        {docker.connection !== 'connected' && (
          <p className="warning" data-testid="docker-error">
            {docker.error ?? 'Waiting for the Docker daemon.'} Moat keeps trying and updates this page when
            Docker answers.
          </p>
        )}
        <dl className="facts">
          <dt>Endpoint</dt>
          <dd>{docker.endpoint}</dd>
          <dt>API version</dt>
          <dd>{docker.apiVersion ?? '—'}</dd>
        </dl>
        <div className="stats">
          <Stat label="Images" value={counts.images} testId="count-images" />
          <Stat label="Running containers" value={counts.containersRunning} testId="count-running" />
          <Stat label="Stopped containers" value={counts.containersStopped} testId="count-stopped" />
        </div>
      </div>
      <p className="muted">
        Updated {new Date(dashboard.updatedAt).toLocaleTimeString()} · Moat {dashboard.moatVersion}
      </p>
    </section>
  );
}
