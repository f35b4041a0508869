// Images, containers and the live dashboard, from the embedded agent's Docker bridge.
import type Docker from 'dockerode';
import type { DockerBridge, DockerState } from '../../agent/docker/bridge';
import type { ContainerSummaryDto, DashboardDto, DockerEventDto, HostInfoDto, Page } from '../contract/index';
import type { DockerEventsRepo } from '../db/repos/docker-events-repo';
import type { EventBus } from './event-bus';

const EMPTY_COUNTS = { images: 0, containersRunning: 0, containersStopped: 0 };
/** Docker emits bursts (a `docker run` is create+attach+start+…); one refresh per burst is enough. */
const REFRESH_DEBOUNCE_MS = 150;

export class DockerService {
  private refreshTimer?: NodeJS.Timeout;
  private readonly unsubscribers: Array<() => void> = [];

  constructor(
    private readonly bridge: DockerBridge,
    private readonly bus: EventBus,
    private readonly events: DockerEventsRepo,
    private readonly host: HostInfoDto,
    private readonly moatVersion: string,
  ) {}

  start(): void {
    const onState = (state: DockerState): void => {
      this.bus.publish('docker:state', state);
      this.scheduleRefresh();
    };
    const onEvent = (event: DockerEventDto): void => {
      this.events.add(event);
      this.bus.publish('docker:event', event);
      if (event.type === 'image' || event.type === 'container') this.scheduleRefresh();
    };
    this.bridge.on('state', onState);
    this.bridge.on('event', onEvent);
    this.unsubscribers.push(
      () => this.bridge.off('state', onState),
      () => this.bridge.off('event', onEvent),
    );
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
    this.unsubscribers.splice(0).forEach((u) => u());
  }

  async dashboard(): Promise<DashboardDto> {
    const docker = this.bridge.state;
    const base = {
      host: this.host,
      docker,
      moatVersion: this.moatVersion,
      updatedAt: new Date().toISOString(),
    };
    if (docker.connection !== 'connected') return { ...base, counts: EMPTY_COUNTS };
    try {
      const [images, containers] = await Promise.all([
        this.bridge.listImages(),
        this.bridge.listContainers(),
      ]);
      const running = containers.filter((c) => c.State === 'running').length;
      return {
        ...base,
        counts: {
          images: new Set(images.map((i) => i.Id)).size,
          containersRunning: running,
          containersStopped: containers.length - running,
        },
      };
    } catch (err) {
      return {
        ...base,
        docker: { ...docker, error: `listing failed: ${(err as Error).message}` },
        counts: EMPTY_COUNTS,
      };
    }
  }

  async containers(
    page: number,
    pageSize: number,
    state: 'all' | 'running' | 'stopped',
    search?: string,
  ): Promise<Page<ContainerSummaryDto>> {
    const all = (await this.bridge.listContainers())
      .map(toContainerDto)
      .filter((c) => state === 'all' || (state === 'running') === (c.state === 'running'))
      .filter((c) => matches(search, [c.id, c.name, c.image]));
    return paginate(all, page, pageSize);
  }

  recentEvents(limit: number): DockerEventDto[] {
    return this.events.recent(limit);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      void this.dashboard().then((d) => this.bus.publish('dashboard:changed', d));
    }, REFRESH_DEBOUNCE_MS);
  }
}

function toContainerDto(c: Docker.ContainerInfo): ContainerSummaryDto {
  return {
    id: c.Id,
    name: (c.Names[0] ?? '').replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    state: c.State,
    status: c.Status,
    created: new Date(c.Created * 1000).toISOString(),
  };
}

function matches(search: string | undefined, fields: string[]): boolean {
  if (!search) return true;
  const needle = search.toLowerCase();
  return fields.some((f) => f.toLowerCase().includes(needle));
}

export function paginate<T>(all: T[], page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize;
  return { items: all.slice(start, start + pageSize), total: all.length, page, pageSize };
}
