// Sort orders the console's lists offer, as comparators: one place so the API and its tests agree.
import type { DeployedImageDto, SeverityName, VulnRowDto } from '../contract/index';

export const IMAGE_SORTS = ['name', 'risk', 'containers', 'scanned', 'size'] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];
export const VULN_SORTS = ['severity', 'cvss', 'package', 'id', 'published'] as const;
export type VulnSort = (typeof VULN_SORTS)[number];

const SEVERITIES: readonly SeverityName[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];
const RANK = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Code-point order: the lists hold ASCII image references and ids, and localeCompare is slow on 10,000 rows. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Critical findings first, then high, and so on: the image with the worst findings is the riskiest. */
export function riskKey(counts: Partial<Record<SeverityName, number>> | undefined): number[] {
  return SEVERITIES.slice(0, 4).map((s) => -(counts?.[s] ?? 0));
}

function byNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

const imageName = (r: DeployedImageDto): string => r.repoTags[0] ?? r.id;

/**
 * Ascending means "most interesting first" for risk (worst first) and the natural order elsewhere; desc reverses.
 * Risk and scan time need every row's latest scan: the caller passes them by image id.
 */
export function imageComparator(
  sort: ImageSort,
  facts: { risk?: ReadonlyMap<string, number[]>; scanned?: ReadonlyMap<string, string> } = {},
): (a: DeployedImageDto, b: DeployedImageDto) => number {
  const risk = facts.risk ?? new Map<string, number[]>();
  const scanned = facts.scanned ?? new Map<string, string>();
  const tie = (a: DeployedImageDto, b: DeployedImageDto): number => byText(imageName(a), imageName(b));
  switch (sort) {
    case 'risk':
      return (a, b) => byNumbers(risk.get(a.id) ?? [0, 0, 0, 0], risk.get(b.id) ?? [0, 0, 0, 0]) || tie(a, b);
    case 'containers':
      return (a, b) => b.containers - a.containers || tie(a, b);
    case 'size':
      return (a, b) => b.size - a.size || tie(a, b);
    case 'scanned':
      return (a, b) => byText(scanned.get(b.id) ?? '', scanned.get(a.id) ?? '') || tie(a, b);
    default:
      return tie;
  }
}

export function vulnComparator(sort: VulnSort): (a: VulnRowDto, b: VulnRowDto) => number {
  const bySeverity = (a: VulnRowDto, b: VulnRowDto): number =>
    (RANK.get(a.severity) ?? 9) - (RANK.get(b.severity) ?? 9);
  const tie = (a: VulnRowDto, b: VulnRowDto): number =>
    byText(a.id, b.id) || byText(a.packageName, b.packageName);
  switch (sort) {
    case 'cvss':
      return (a, b) => (b.cvssScore ?? -1) - (a.cvssScore ?? -1) || bySeverity(a, b) || tie(a, b);
    case 'package':
      return (a, b) => byText(a.packageName, b.packageName) || bySeverity(a, b) || tie(a, b);
    case 'id':
      return tie;
    case 'published':
      return (a, b) => byText(b.published ?? '', a.published ?? '') || tie(a, b);
    default:
      return (a, b) => bySeverity(a, b) || tie(a, b);
  }
}

export function directed<T>(cmp: (a: T, b: T) => number, desc: boolean | undefined): (a: T, b: T) => number {
  return desc ? (a, b) => cmp(b, a) : cmp;
}
