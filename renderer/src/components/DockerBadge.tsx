import type { JSX } from 'react';
import type { DockerStateDto } from '../../../electron/contract/index';

export function DockerBadge({ docker }: { docker: DockerStateDto }): JSX.Element {
  const text =
    docker.connection === 'connected'
      ? `Docker ${docker.version ?? ''} connected`
      : docker.connection === 'connecting'
        ? 'Connecting to Docker…'
        : 'Docker unreachable';
  return (
    <span className={`badge badge-${docker.connection}`} data-testid="docker-state">
      {text}
    </span>
  );
}
