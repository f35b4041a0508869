// Deployed images: every image in the local daemon is scanned when first seen; the list joins Docker's view with scans.
import type { DockerBridge } from '../../agent/docker/bridge';
import type { DeployedImageDto, Page } from '../contract/index';
import type { ScanRow, ScansRepo } from '../db/repos/scans-repo';
import type { ScanQueries } from './scan-queries';
import type { ScanService } from './scan-service';
import { paginate } from './docker-service';
import { directed, imageComparator, riskKey, type ImageSort } from './list-sort';

const NEW_IMAGE_ACTIONS = new Set(['pull', 'tag', 'import', 'load', 'create', 'build']);
const DEBOUNCE_MS = 500;

export class DeployedImages {
  private timer?: NodeJS.Timeout;
  private readonly offs: Array<() => void> = [];

  constructor(
    private readonly bridge: DockerBridge,
    private readonly scans: ScanService,
    private readonly repo: ScansRepo,
    private readonly queries: ScanQueries,
    private readonly autoScan: () => boolean,
  ) {}

  start(): void {
    const onState = (s: { connection: string }): void => {
      if (s.connection === 'connected') this.schedule();
    };
    const onEvent = (e: { type: string; action: string }): void => {
      if (e.type === 'image' && NEW_IMAGE_ACTIONS.has(e.action)) this.schedule();
    };
    this.bridge.on('state', onState);
    this.bridge.on('event', onEvent);
    this.offs.push(
      () => this.bridge.off('state', onState),
      () => this.bridge.off('event', onEvent),
    );
  }

  stop(): void {
    clearTimeout(this.timer);
    this.offs.splice(0).forEach((f) => f());
  }

  /** Queues a scan for every image that has none yet; returns how many were queued. */
  async scanUnscanned(): Promise<number> {
    const images = await this.bridge.listImages();
    let queued = 0;
    for (const img of images) {
      if (this.repo.latestForImage(img.Id)) continue;
      const tag = (img.RepoTags ?? []).find((t) => t !== '<none>:<none>');
      this.scans.scan(tag ?? img.Id, 'deployed', img.Id);
      queued++;
    }
    return queued;
  }

  async list(
    page: number,
    pageSize: number,
    search?: string,
    sort: ImageSort = 'name',
    desc = false,
  ): Promise<Page<DeployedImageDto>> {
    const [images, containers] = await Promise.all([this.bridge.listImages(), this.bridge.listContainers()]);
    const needle = search?.toLowerCase();
    const perImage = new Map<string, number>();
    for (const c of containers) perImage.set(c.ImageID, (perImage.get(c.ImageID) ?? 0) + 1);
    const rows = images
      .map((img): DeployedImageDto => {
        const tags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
        return {
          id: img.Id,
          repoTags: tags,
          created: new Date(img.Created * 1000).toISOString(),
          size: img.Size,
          containers: perImage.get(img.Id) ?? 0,
        };
      })
      .filter((r) => !needle || [r.id, ...r.repoTags].some((f) => f.toLowerCase().includes(needle)));
    rows.sort(directed(imageComparator(sort, this.sortFacts(sort, rows)), desc));
    // Scan summaries (counts, verdicts) only for the page shown: judging findings costs per image.
    const shown = paginate(rows, page, pageSize);
    for (const r of shown.items) {
      const scan = this.repo.latestForImage(r.id);
      if (scan) r.scan = this.queries.summaryOf(scan);
    }
    return shown;
  }

  /** What sorting by risk or scan time needs of every row: its latest scan, in as few queries as possible. */
  private sortFacts(
    sort: ImageSort,
    rows: readonly DeployedImageDto[],
  ): { risk?: Map<string, number[]>; scanned?: Map<string, string> } {
    if (sort !== 'risk' && sort !== 'scanned') return {};
    const latest = new Map<string, ScanRow>();
    for (const r of rows) {
      const scan = this.repo.latestForImage(r.id);
      if (scan?.status === 'done') latest.set(r.id, scan);
    }
    if (sort === 'scanned')
      return { scanned: new Map([...latest].map(([id, s]) => [id, s.finished_at ?? ''])) };
    const counts = this.repo.severityCountsMany([...latest.values()].map((s) => s.id));
    return { risk: new Map([...latest].map(([id, s]) => [id, riskKey(counts.get(s.id))])) };
  }

  private schedule(): void {
    if (!this.autoScan()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scanUnscanned().catch(() => undefined), DEBOUNCE_MS);
  }
}
