// The container radar's facts: running containers from Docker, risk from their images' latest scans,
// connections from their models, and recent audits; the graph itself is agent/radar/radar-graph.
import type Docker from 'dockerode';
import type { DockerBridge } from '../../agent/docker/bridge';
import {
  buildRadar,
  type RadarContainer,
  type RadarImageFacts,
  type RadarModelFacts,
} from '../../agent/radar/radar-graph';
import type { RadarDto } from '../contract/index';
import type { ScansRepo } from '../db/repos/scans-repo';
import type { ModelsRepo } from '../db/repos/models-repo';
import type { ScanQueries } from './scan-queries';

const DEFAULT_WINDOW_HOURS = 24;

export class RadarService {
  constructor(
    private readonly bridge: DockerBridge,
    private readonly scans: ScansRepo,
    private readonly queries: ScanQueries,
    private readonly models: ModelsRepo,
  ) {}

  async graph(windowHours = DEFAULT_WINDOW_HOURS): Promise<RadarDto> {
    const since = new Date(Date.now() - windowHours * 3600_000);
    const running = (await this.bridge.listContainers()).filter((c) => c.State === 'running');
    const containers = running.map(radarContainer);
    const images = new Map<string, RadarImageFacts>();
    const models = new Map<string, RadarModelFacts>();
    for (const imageId of new Set(containers.map((c) => c.imageId))) {
      const scan = this.scans.latestForImage(imageId);
      if (scan?.status === 'done') {
        const s = this.queries.summaryOf(scan);
        images.set(imageId, {
          critical: s.vulns.critical,
          high: s.vulns.high,
          medium: s.vulns.medium,
          low: s.vulns.low,
          complianceFailed: s.complianceFailed,
        });
      }
      const model = this.models.getModel(imageId);
      if (model)
        models.set(imageId, { state: model.state, listening: model.listening, outbound: model.outbound });
    }
    const graph = buildRadar({
      containers,
      images,
      models,
      audits: this.models.auditCountsByContainer(since.toISOString()),
    });
    return { ...graph, windowHours, generatedAt: new Date().toISOString() };
  }
}

function radarContainer(c: Docker.ContainerInfo): RadarContainer {
  const networks = Object.entries(c.NetworkSettings?.Networks ?? {});
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    imageId: c.ImageID,
    image: c.Image,
    ips: networks.map(([, n]) => n.IPAddress).filter((ip): ip is string => Boolean(ip)),
    networks: networks.map(([name]) => name).sort(),
  };
}
