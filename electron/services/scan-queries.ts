// Read side of scans: rows of console.db mapped to the DTOs the UI and the CLI see.
import type {
  ComplianceRowDto,
  FixDto,
  PackageRowDto,
  Page,
  ScanDetailDto,
  ScanSummaryDto,
  SeverityName,
  VulnRowDto,
} from '../contract/index';
import { scanWarnings, type ScanKind, type ScanRow, type ScansRepo } from '../db/repos/scans-repo';
import type { InventoryLayer } from '../../agent/scan/scan-image';
import { ApiError } from '../api/errors';
import { describeFix, fixGuidance } from '../../agent/policy/fix-guidance';
import { isInherited } from '../../agent/policy/base-image';
import { envSecrets } from '../../agent/compliance/secrets';
import { maskSecret } from '../../agent/compliance/mask';
import { paginate } from './docker-service';
import { directed, vulnComparator, type VulnSort } from './list-sort';
import { tagRows, type FindingTagSource } from './finding-tags';
import { NO_POLICY, baseOfScan, vulnVerdictOf, type ScanPolicy } from './scan-policy';
import { subjectOfScan } from './scan-subject';
import { judgedRows } from './judged-rows';

const SEVERITIES: readonly SeverityName[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

export class ScanQueries {
  /** Tags on findings, set by the composition root (none in bare queries). */
  tags?: FindingTagSource;

  constructor(
    private readonly repo: ScansRepo,
    private readonly policy: ScanPolicy = NO_POLICY,
  ) {}

  list(kind: ScanKind | undefined, page: number, pageSize: number): Page<ScanSummaryDto> {
    const { rows, total } = this.repo.list(kind, (page - 1) * pageSize, pageSize);
    return { items: rows.map((r) => this.summary(r)), total, page, pageSize };
  }

  get(id: number): ScanDetailDto {
    const row = this.row(id);
    const image = row.image_json
      ? (JSON.parse(row.image_json) as {
          user: string;
          entrypoint: string[];
          cmd: string[];
          exposedPorts: string[];
          labels: Record<string, string>;
          env?: string[];
        })
      : undefined;
    return {
      ...this.summary(row),
      layers: JSON.parse(row.layers_json) as InventoryLayer[],
      warnings: scanWarnings(row),
      image: image && {
        user: image.user,
        entrypoint: image.entrypoint,
        cmd: image.cmd,
        exposedPorts: image.exposedPorts,
        labels: image.labels,
        env: maskedEnv(image.env ?? []),
      },
    };
  }

  vulns(
    id: number,
    q: {
      page: number;
      pageSize: number;
      severity?: SeverityName;
      fixable?: boolean;
      search?: string;
      tag?: string;
      /** Include findings inherited from the image's base image (marked); hidden by default. */
      inherited?: boolean;
      sort?: VulnSort;
      desc?: boolean;
    },
  ): Page<VulnRowDto> {
    const scan = this.row(id);
    const base = baseOfScan(this.policy, scan);
    const needle = q.search?.toLowerCase();
    const rows = this.repo
      .findings(id)
      .map((f): VulnRowDto => ({
        id: f.id,
        aliases: f.aliases,
        severity: f.severity,
        severitySource: f.severitySource,
        cvssScore: f.cvssScore,
        cvssVector: f.cvssVector,
        packageName: f.package.name,
        packageVersion: f.package.version,
        ecosystem: f.package.ecosystem,
        fixedIn: f.fixedIn,
        status: f.status,
        published: f.published,
        description: f.description,
        layerIndex: f.package.layer?.index,
        layerCreatedBy: f.package.layer?.createdBy,
        feed: f.feed,
        feedImportedAt: f.feedImportedAt,
        links: f.links ?? [],
        inheritedFrom: isInherited(f.package.layer?.index, base) ? base?.ref : undefined,
      }))
      .filter((v) => q.inherited === true || v.inheritedFrom === undefined)
      .filter((v) => !q.severity || v.severity === q.severity)
      .filter((v) => q.fixable === undefined || q.fixable === (v.fixedIn !== undefined))
      .filter(
        (v) => !needle || [v.id, v.packageName, ...v.aliases].some((f) => f.toLowerCase().includes(needle)),
      )
      .sort(directed(vulnComparator(q.sort ?? 'severity'), q.desc));
    return paginate(tagRows(rows, scan.ref, this.tags, q.tag), q.page, q.pageSize);
  }

  /** Fix guidance for a scan, rebuilt from its stored findings. */
  fixes(id: number): FixDto[] {
    this.row(id);
    const findings = this.repo.findings(id);
    return fixGuidance(findings).map((s) => ({ ...s, text: describeFix(s) }));
  }

  packages(id: number, q: { page: number; pageSize: number; search?: string }): Page<PackageRowDto> {
    this.row(id);
    const perPackage = new Map<number, number>();
    for (const v of this.repo.vulns(id))
      perPackage.set(v.package_idx, (perPackage.get(v.package_idx) ?? 0) + 1);
    const needle = q.search?.toLowerCase();
    const rows = this.repo
      .packages(id)
      .map((p, i): PackageRowDto => ({
        name: p.name,
        version: p.version,
        ecosystem: p.ecosystem,
        purl: p.purl,
        sourceName: p.sourceName,
        licenses: p.licenses,
        foundIn: p.foundIn,
        layerIndex: p.layer?.index,
        layerCreatedBy: p.layer?.createdBy,
        vulns: perPackage.get(i) ?? 0,
      }))
      .filter(
        (p) => !needle || p.name.toLowerCase().includes(needle) || p.purl.toLowerCase().includes(needle),
      );
    return paginate(rows, q.page, q.pageSize);
  }

  /**
   * A scan's check results. Deployed images and hosts are judged on read by their own list's first rule, as their
   * vulnerability verdicts are, so a changed rule shows at once; CI scans show what the CLI judged when it published.
   */
  compliance(id: number): ComplianceRowDto[] {
    const row = this.row(id);
    const rows = this.repo.compliance(id);
    if (row.kind === 'ci' || !this.policy.complianceRule) return rows;
    return judgedRows(rows, this.policy.complianceRule(row.kind, subjectOfScan(row))).rows;
  }

  private row(id: number): ScanRow {
    const row = this.repo.get(id);
    if (!row) throw new ApiError('not_found', `no scan with id ${id}`);
    return row;
  }

  summaryOf(r: ScanRow): ScanSummaryDto {
    return this.summary(r);
  }

  private summary(r: ScanRow): ScanSummaryDto {
    const base = r.status === 'done' ? baseOfScan(this.policy, r) : undefined;
    const all = this.repo.severityCounts(r.id);
    const counts = base ? this.repo.severityCountsFrom(r.id, base.diffIds.length) : all;
    const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
    const packages = r.status === 'done' ? this.repo.packageCount(r.id) : 0;
    return {
      id: r.id,
      kind: r.kind,
      ref: r.ref,
      imageId: r.image_id ?? undefined,
      status: r.status,
      error: r.error ?? undefined,
      startedAt: r.started_at,
      finishedAt: r.finished_at ?? undefined,
      os: r.os_name ?? (r.os_family ? `${r.os_family} ${r.os_release ?? ''}`.trim() : undefined),
      packages,
      complianceFailed: this.repo.complianceFailedCount(r.id),
      vulns: Object.fromEntries(SEVERITIES.map((s) => [s, counts[s] ?? 0])) as Record<SeverityName, number>,
      feeds: JSON.parse(r.feeds_json) as Array<{ name: string; importedAt: string }>,
      sourceHost: r.source_host ?? undefined,
      sourceUser: r.source_user ?? undefined,
      verdict: r.verdict ?? undefined,
      baseImage: base?.ref,
      inherited: base ? total(all) - total(counts) : undefined,
      vulnVerdict: vulnVerdictOf(this.policy, this.repo, r, base),
    };
  }
}

/** The image's environment with secret-looking values masked (same rules as compliance check 424). */
function maskedEnv(env: readonly string[]): Array<{ name: string; value: string; masked: boolean }> {
  const secret = new Set(envSecrets(env).map((e) => e.name));
  return env.map((entry) => {
    const eq = entry.indexOf('=');
    const name = eq > 0 ? entry.slice(0, eq) : entry;
    const value = eq > 0 ? entry.slice(eq + 1) : '';
    return secret.has(name)
      ? { name, value: maskSecret(value), masked: true }
      : { name, value, masked: false };
  });
}
