// Scans images (deployed ones as they appear, or on request), stores inventories and findings, and re-matches
// stored inventories when the feeds change — without reading any image again.
import type { OsInfo, Package } from '../../agent/model/package';
import type { VulnFinding } from '../../agent/model/finding';
import type { Analyzer } from '../../agent/model/analyzer';
import type { ImageSource } from '../../agent/scan/image/types';
import { scanImage, type ImageInventory } from '../../agent/scan/scan-image';
import { createComplianceCollector } from '../../agent/compliance/collect/builtin';
import { ClamavError, clamscanImage } from '../../agent/compliance/clamav';
import { evaluateHost, evaluateImage, type ComplianceResult } from '../../agent/compliance/evaluate';
import { realHost } from '../../agent/compliance/checks/host/host-env';
import { scanHostInventory } from '../../agent/scan/scan-host';
import type { CustomCheck } from '../../agent/compliance/custom/custom-check';
import { judgeCompliance, type ComplianceRule } from '../../agent/policy/compliance-rule';
import type { ScopeSubject } from '../../agent/policy/scope';
import type { FeedUse, ScanKind, ScansRepo } from '../db/repos/scans-repo';
import type { EventBus } from './event-bus';

/** What the scan service needs of vulnerability intelligence; absent until feeds are imported. */
export interface VulnIntel {
  match(os: OsInfo | null, packages: Package[]): { findings: VulnFinding[]; warnings: string[] };
  feeds(): FeedUse[];
}

export interface QueuedScan {
  id: number;
  done: Promise<void>;
}

export interface ScanServiceOptions {
  analyzers: readonly Analyzer[];
  /** Signature list files for the malware check. */
  malwareLists(): string[];
  /** When the user turned it on: also run clamscan over each image's layers with these extra databases. */
  clamav?(): { databases: string[] } | null;
  /**
   * The compliance rule (template, effects, custom checks) of a deployed image (by ref and labels, as its scan is
   * judged on read) or of this host (by its name), or undefined when no rule holds it: all checks of the kind run
   * and none fails the verdict.
   */
  complianceRule(
    kind: 'deployed' | 'host',
    subject: ScopeSubject,
  ): (ComplianceRule & { customChecks: CustomCheck[] }) | undefined;
  openSource(ref: string): Promise<ImageSource>;
  intel(): VulnIntel | undefined;
}

export class ScanService {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, QueuedScan>();

  constructor(
    private readonly repo: ScansRepo,
    private readonly bus: EventBus,
    private readonly opts: ScanServiceOptions,
  ) {}

  /**
   * Queues a scan and returns its id at once (the row says "running" until it ends); scans run one at a time
   * because they are I/O and CPU heavy, and the same image queued twice shares one scan.
   */
  scan(ref: string, kind: ScanKind = 'deployed', imageId?: string): QueuedScan {
    const key = `${kind}:${imageId ?? ref}`;
    const existing = this.pending.get(key);
    if (existing) return existing;
    const id = this.repo.begin(kind, ref, { imageId });
    const done = this.queue.then(() => (kind === 'host' ? this.runHost(id, ref) : this.run(id, ref)));
    this.queue = done;
    const queued = { id, done };
    this.pending.set(key, queued);
    void done.then(() => this.pending.delete(key));
    return queued;
  }

  /** Resolves when scan `id` has ended (at once when it is not queued or running). */
  async settled(id: number): Promise<void> {
    for (const q of this.pending.values()) if (q.id === id) return q.done;
  }

  /** Stores an inventory scanned elsewhere (the CLI publishing a CI scan) and matches it here. */
  record(
    kind: ScanKind,
    inv: ImageInventory,
    meta: { sourceHost?: string; sourceUser?: string } = {},
  ): number {
    const id = this.repo.begin(kind, inv.image.ref, { imageId: inv.image.id, ...meta });
    const { findings, warnings, feeds } = this.match(inv.os, inv.packages);
    this.repo.complete(id, inv, findings, warnings, feeds);
    this.bus.publish('scan:finished', { scanId: id, ref: inv.image.ref, status: 'done' });
    return id;
  }

  /** Re-matches the newest scan of every image against the current feeds. */
  rematchAll(): number {
    const latest = this.repo.latestPerImage();
    for (const row of latest) {
      const os = row.os_family
        ? { family: row.os_family, release: row.os_release ?? '', name: row.os_name ?? undefined }
        : null;
      const { findings, feeds, warnings } = this.match(os, this.repo.packages(row.id));
      this.repo.replaceVulns(row.id, findings, feeds, warnings);
    }
    return latest.length;
  }

  /** An image: inventory and compliance facts in one pass over its layers, then matching and image checks. */
  private run(id: number, ref: string): Promise<void> {
    return this.store(id, ref, async () => {
      const source = await this.opts.openSource(ref);
      // Compliance rides the same pass over the layers; its collector needs the bytes, so no layer cache here.
      const collector = await createComplianceCollector(this.opts.malwareLists());
      const inv = await scanImage(source, {
        analyzers: [...this.opts.analyzers, collector.analyzer],
        collectFiles: true,
        onProgress: (p) => {
          collector.onProgress(p);
          this.bus.publish('scan:progress', { scanId: id, ref, layer: p.layer, of: p.of, phase: p.phase });
        },
      });
      const facts = collector.facts(inv);
      const clam = this.opts.clamav?.();
      if (clam) {
        this.bus.publish('scan:progress', { scanId: id, ref, layer: 0, of: 0, phase: 'clamscan' });
        try {
          // A second read of the layers: clamscan unpacks each layer archive itself.
          facts.clamav = await clamscanImage(await this.opts.openSource(ref), {
            databases: clam.databases,
            layers: inv.layers,
          });
          inv.warnings.push(...facts.clamav.warnings);
        } catch (err) {
          // No clamscan or no database: say so on the scan and judge 422 on the signature lists alone.
          if (!(err instanceof ClamavError)) throw err;
          inv.warnings.push(`clamscan was not run: ${err.message}`);
        }
      }
      const rule = this.opts.complianceRule('deployed', { image: ref, labels: inv.image.labels });
      return {
        inv,
        rule,
        compliance: await evaluateImage({ inventory: inv, facts }, ref, {
          template: rule?.template,
          customChecks: rule?.customChecks ?? [],
        }),
      };
    });
  }

  /** This host: its packages and findings, and host/daemon compliance. */
  private runHost(id: number, ref: string): Promise<void> {
    return this.store(id, ref, async () => {
      this.bus.publish('scan:progress', { scanId: id, ref, layer: 0, of: 1, phase: 'walking' });
      // A host's name also stands in as its "image", as on read, so plain glob scopes match it.
      const rule = this.opts.complianceRule('host', { host: ref, image: ref });
      const compliance = await evaluateHost(realHost(), { template: rule?.template });
      return { inv: await scanHostInventory('/'), rule, compliance };
    });
  }

  /** Stores what `scan` found, matched and judged; never rejects: a failed scan is stored as failed with its reason. */
  private async store(
    id: number,
    ref: string,
    scan: () => Promise<{ inv: ImageInventory; rule?: ComplianceRule; compliance: ComplianceResult[] }>,
  ): Promise<void> {
    this.bus.publish('scan:progress', { scanId: id, ref, layer: 0, of: 0, phase: 'opening' });
    try {
      const { inv, rule, compliance } = await scan();
      const { findings, warnings, feeds } = this.match(inv.os, inv.packages);
      this.repo.complete(id, inv, findings, warnings, feeds);
      // Judged by the rule the checks were chosen by, so a rule saved mid-scan cannot mix two rules.
      const pass = judgeCompliance(compliance, rule ?? { name: 'no rule' }).pass;
      this.repo.addCompliance(id, compliance, pass ? 'pass' : 'fail');
      this.bus.publish('scan:finished', { scanId: id, ref, status: 'done' });
    } catch (err) {
      this.repo.fail(id, (err as Error).message);
      this.bus.publish('scan:finished', { scanId: id, ref, status: 'failed', error: (err as Error).message });
    }
  }

  private match(
    os: OsInfo | null,
    packages: Package[],
  ): { findings: VulnFinding[]; warnings: string[]; feeds: FeedUse[] } {
    const intel = this.opts.intel();
    if (!intel)
      return {
        findings: [],
        warnings: ['no vulnerability feeds imported yet: run "moat feeds import"'],
        feeds: [],
      };
    return { ...intel.match(os, packages), feeds: intel.feeds() };
  }
}
