// Matches inventory packages against intel.db: OS packages against their distro release's records by
// source package, language packages by ecosystem and normalised name, with the ecosystem's comparator.
import type { Severity, VulnFinding } from '../model/finding';
import type { OsInfo, Package } from '../model/package';
import { severityFromScore } from './cvss';
import { normalisePackageName, osLocation } from './feeds/ecosystem';
import type { AffectedHit, IntelDb } from './intel-db';
import { fixedVersionFor, isAffectedByOsvRanges, satisfiesRangeExpression } from './version/range';
import { schemeForEcosystem } from './version/registry';
import type { VersionScheme } from './version/scheme';

export interface MatchResult {
  findings: VulnFinding[];
  warnings: string[];
}

interface Hit extends AffectedHit {
  fixedIn?: string;
}

const OS_FAMILIES: Record<string, readonly string[]> = { apk: ['alpine'], deb: ['debian', 'ubuntu'] };

/** Where to look a package up, or a reason it cannot be matched (reported once per reason). */
function lookupKey(
  pkg: Package,
  os: OsInfo | undefined,
): { ecoKey: string; name: string; version: string } | string {
  if (pkg.ecosystem === 'generic') return 'generic packages have no vulnerability feed';
  if (pkg.ecosystem === 'apk' || pkg.ecosystem === 'deb' || pkg.ecosystem === 'rpm') {
    if (!os) return `${pkg.ecosystem} packages not matched: the operating system is unknown`;
    const families = OS_FAMILIES[pkg.ecosystem];
    if (!families) return `${pkg.ecosystem} packages not matched: no ${pkg.ecosystem} feed is supported yet`;
    if (!families.includes(os.family.toLowerCase()))
      return `${pkg.ecosystem} packages not matched: they do not belong to the detected OS "${os.family}"`;
    const loc = osLocation(os.family, os.release, os.codename);
    if (!loc)
      return `${pkg.ecosystem} packages not matched: cannot tell the ${os.family} release from "${os.release}"`;
    // Distro feeds are keyed by source package, and fixed versions are source versions.
    return {
      ecoKey: loc.ecoKey,
      name: pkg.sourceName ?? pkg.name,
      version: pkg.sourceVersion ?? pkg.version,
    };
  }
  return { ecoKey: pkg.ecosystem, name: normalisePackageName(pkg.ecosystem, pkg.name), version: pkg.version };
}

function isCve(id: string): boolean {
  return /^CVE-\d{4}-\d+$/.test(id);
}

/** Groups hits that share any id or alias (GHSA-x aliasing CVE-y is one vulnerability). */
function groupHits(hits: Hit[]): Hit[][] {
  const groups: Array<{ ids: Set<string>; hits: Hit[] }> = [];
  for (const h of hits) {
    const ids = [h.vulnId, ...h.aliases];
    const joined = groups.filter((g) => ids.some((id) => g.ids.has(id)));
    const target = joined[0] ?? { ids: new Set<string>(), hits: [] };
    if (!joined[0]) groups.push(target);
    for (const other of joined.slice(1)) {
      other.ids.forEach((id) => target.ids.add(id));
      target.hits.push(...other.hits);
      groups.splice(groups.indexOf(other), 1);
    }
    ids.forEach((id) => target.ids.add(id));
    target.hits.push(h);
  }
  return groups.map((g) => g.hits);
}

function toFinding(db: IntelDb, pkg: Package, group: Hit[], scheme: VersionScheme): VulnFinding {
  const ids = [...new Set(group.flatMap((h) => [h.vulnId, ...h.aliases]))];
  const id = group.map((h) => h.vulnId).find(isCve) ?? ids.filter(isCve).sort()[0] ?? group[0].vulnId;
  const nvd = ids
    .filter(isCve)
    .map((c) => db.enrichment(c))
    .find((e) => e !== undefined);
  // The feed's own rating first (Debian urgency per package line, then GitHub/custom), then CVSS.
  const rated =
    group.find((h) => h.lineSeverity) ??
    group.find((h) => h.recordSeverity) ??
    group.find((h) => h.cvssScore !== undefined);
  const primary = rated ?? group[0];
  let severity: Severity =
    primary.lineSeverity ??
    primary.recordSeverity ??
    (primary.cvssScore !== undefined ? severityFromScore(primary.cvssScore) : 'unknown');
  let severitySource = primary.lineSeverity
    ? `${primary.feed} (per package)`
    : primary.recordSeverity
      ? primary.feed
      : primary.cvssScore !== undefined
        ? `CVSS ${primary.cvssScore} (${primary.feed})`
        : undefined;
  if (severity === 'unknown' && nvd?.severity) {
    severity = nvd.severity;
    severitySource = `NVD${nvd.cvssScore !== undefined ? ` CVSS ${nvd.cvssScore}` : ''}`;
  }
  const withCvss = group.find((h) => h.cvssScore !== undefined);
  const fixes = group.map((h) => h.fixedIn).filter((f): f is string => f !== undefined);
  const fixedIn = fixes.sort((a, b) => scheme.compare(a, b))[0];
  const status: VulnFinding['status'] = fixedIn
    ? 'fixed'
    : primary.status === 'wontfix' || primary.status === 'unknown'
      ? primary.status
      : 'open';
  const finding: VulnFinding = {
    id,
    aliases: ids.filter((x) => x !== id).sort(),
    severity,
    status,
    feed: primary.feed,
    feedImportedAt: primary.feedImportedAt,
    package: pkg,
    links: advisoryLinks(
      [id, ...ids.filter((x) => x !== id)],
      group.map((h) => h.feed),
    ),
  };
  if (severitySource) finding.severitySource = severitySource;
  const score = withCvss?.cvssScore ?? nvd?.cvssScore;
  if (score !== undefined) finding.cvssScore = score;
  const vector = withCvss?.cvssVector ?? nvd?.cvssVector ?? group.find((h) => h.cvssVector)?.cvssVector;
  if (vector) finding.cvssVector = vector;
  if (fixedIn) finding.fixedIn = fixedIn;
  const description = group.map((h) => h.summary ?? h.description).find((d) => d) ?? nvd?.description;
  if (description) finding.description = description;
  const published = group.map((h) => h.published).find((p) => p) ?? nvd?.published;
  if (published) finding.published = published;
  return finding;
}

/** Evaluates one affected line; undefined when the package is not affected. Throws on bad feed data. */
function evaluate(version: string, hit: AffectedHit, scheme: VersionScheme): Hit | undefined {
  if (hit.rangeExpr !== undefined) {
    if (!satisfiesRangeExpression(version, hit.rangeExpr, scheme)) return undefined;
    const fixed =
      hit.fixedVersion && scheme.valid(hit.fixedVersion) && scheme.compare(hit.fixedVersion, version) > 0;
    return { ...hit, fixedIn: fixed ? hit.fixedVersion : undefined };
  }
  if (!isAffectedByOsvRanges(version, hit.ranges, scheme, hit.versions)) return undefined;
  return { ...hit, fixedIn: fixedVersionFor(version, hit.ranges, scheme) };
}

export function matchPackages(db: IntelDb, os: OsInfo | undefined, packages: Package[]): MatchResult {
  const findings: VulnFinding[] = [];
  const warnings: string[] = [];
  const once = new Set<string>();
  const warnOnce = (w: string): void => {
    if (!once.has(w)) {
      once.add(w);
      warnings.push(w);
    }
  };
  for (const pkg of packages) {
    const key = lookupKey(pkg, os);
    if (typeof key === 'string') {
      warnOnce(key);
      continue;
    }
    const scheme = schemeForEcosystem(pkg.ecosystem);
    if (!scheme) {
      warnOnce(`${pkg.ecosystem} packages not matched: no version comparator for this ecosystem`);
      continue;
    }
    if (!db.covers(key.ecoKey)) {
      warnOnce(`no vulnerability data in intel.db for ${key.ecoKey}; its packages were not checked`);
      continue;
    }
    const label = `${pkg.name} ${key.version} (${pkg.foundIn})`;
    if (!scheme.valid(key.version)) {
      warnings.push(
        `${label}: "${key.version}" is not a valid ${scheme.name} version, so it was not matched`,
      );
      continue;
    }
    const hits: Hit[] = [];
    for (const hit of db.affected(key.ecoKey, key.name)) {
      try {
        const h = evaluate(key.version, hit, scheme);
        if (h) hits.push(h);
      } catch (err) {
        warnings.push(
          `${label}: ${hit.feed} record ${hit.vulnId} could not be evaluated (${(err as Error).message})`,
        );
      }
    }
    for (const group of groupHits(hits)) findings.push(toFinding(db, pkg, group, scheme));
  }
  return { findings, warnings };
}

/** Public pages for the ids a finding carries, so a user can read more; derived from the id schemes themselves. */
export function advisoryLinks(ids: readonly string[], feeds: readonly string[]): string[] {
  const links: string[] = [];
  for (const id of ids) {
    if (isCve(id)) {
      links.push(`https://nvd.nist.gov/vuln/detail/${id}`);
      if (feeds.includes('debian-tracker')) links.push(`https://security-tracker.debian.org/tracker/${id}`);
      if (feeds.includes('alpine-secdb')) links.push(`https://security.alpinelinux.org/vuln/${id}`);
    } else if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(id))
      links.push(`https://github.com/advisories/${id}`);
    else if (/^[A-Z][A-Za-z]*-[\w.-]+$/.test(id) && feeds.includes('osv'))
      links.push(`https://osv.dev/vulnerability/${id}`);
  }
  return [...new Set(links)];
}
