// Compliance of what runs now: containers (from docker inspect) and this host (files, daemon settings), each judged
// by the first rule of its own list (deployed images and containers; hosts) when one holds it.
import os from 'node:os';
import type { DockerBridge } from '../../agent/docker/bridge';
import { evaluateContainer, evaluateHost, type ComplianceResult } from '../../agent/compliance/evaluate';
import { realHost } from '../../agent/compliance/checks/host/host-env';
import type { ComplianceRule } from '../../agent/policy/compliance-rule';
import { judgedRows } from './judged-rows';
import type { ScopeSubject } from '../../agent/policy/scope';
import { ApiError } from '../api/errors';
import type { ComplianceRowDto, ContainerComplianceDto, HostComplianceDto } from '../contract/index';

/** The compliance rule of a kind that holds a subject (first match), if any. */
export type ComplianceRuleFor = (
  kind: 'deployed' | 'host',
  subject: ScopeSubject,
) => ComplianceRule | undefined;

export class RuntimeCompliance {
  constructor(
    private readonly bridge: DockerBridge,
    private readonly ruleFor: ComplianceRuleFor = () => undefined,
    private readonly hostName: string = os.hostname(),
  ) {}

  async containers(): Promise<ContainerComplianceDto[]> {
    const list = await this.bridge.listContainers();
    const running = list.filter((c) => c.State === 'running');
    return Promise.all(
      running.map(async (c) => {
        const name = (c.Names[0] ?? '').replace(/^\//, '');
        const rule = this.ruleFor('deployed', { image: c.Image, container: name, labels: c.Labels });
        const { rows } = judgedRows(await this.evaluate(c.Id, rule), rule);
        return { id: c.Id, name, image: c.Image, ...(rule ? { rule: rule.name } : {}), results: rows };
      }),
    );
  }

  /** One container's results, judged by the deployed rule that holds its image. */
  async container(id: string): Promise<ComplianceRowDto[]> {
    const inspect = await this.inspect(id);
    const i = inspect as { Name?: string; Config?: { Image?: string; Labels?: Record<string, string> } };
    const rule = this.ruleFor('deployed', {
      image: i.Config?.Image,
      container: i.Name?.replace(/^\//, ''),
      labels: i.Config?.Labels ?? undefined,
    });
    return judgedRows(await evaluateContainer(inspect, { template: rule?.template }), rule).rows;
  }

  async host(): Promise<HostComplianceDto> {
    // A host's name also stands in as its "image", as for host scans, so plain glob scopes match it.
    const rule = this.ruleFor('host', { host: this.hostName, image: this.hostName });
    const { rows, pass } = judgedRows(await evaluateHost(realHost(), { template: rule?.template }), rule);
    return { host: this.hostName, ...(rule ? { rule: rule.name, pass } : {}), results: rows };
  }

  private async evaluate(id: string, rule: ComplianceRule | undefined): Promise<ComplianceResult[]> {
    return evaluateContainer(await this.inspect(id), { template: rule?.template });
  }

  private async inspect(id: string): Promise<unknown> {
    try {
      return await this.bridge.docker.getContainer(id).inspect();
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      throw new ApiError(
        status === 404 ? 'not_found' : 'unavailable',
        `container ${id}: ${(err as Error).message}`,
      );
    }
  }
}
