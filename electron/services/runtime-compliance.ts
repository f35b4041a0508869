// Compliance of what runs now: containers (from docker inspect) and this host (files, daemon settings).
import type { DockerBridge } from '../../agent/docker/bridge';
import { evaluateContainer, evaluateHost, type ComplianceResult } from '../../agent/compliance/evaluate';
import { realHost } from '../../agent/compliance/checks/host/host-env';
import { ApiError } from '../api/errors';
import type { ContainerComplianceDto } from '../contract/index';

export class RuntimeCompliance {
  constructor(private readonly bridge: DockerBridge) {}

  async containers(): Promise<ContainerComplianceDto[]> {
    const list = await this.bridge.listContainers();
    const running = list.filter((c) => c.State === 'running');
    return Promise.all(
      running.map(async (c) => ({
        id: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        image: c.Image,
        results: await this.evaluate(c.Id),
      })),
    );
  }

  async container(id: string): Promise<ComplianceResult[]> {
    return this.evaluate(id);
  }

  async host(): Promise<ComplianceResult[]> {
    return evaluateHost(realHost());
  }

  private async evaluate(id: string): Promise<ComplianceResult[]> {
    let inspect: unknown;
    try {
      inspect = await this.bridge.docker.getContainer(id).inspect();
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      throw new ApiError(
        status === 404 ? 'not_found' : 'unavailable',
        `container ${id}: ${(err as Error).message}`,
      );
    }
    return evaluateContainer(inspect);
  }
}
