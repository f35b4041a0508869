// Fix guidance: per vulnerable package, the smallest upgrade that clears its fixable findings, and the layer
// instruction that installed it; the upgrades that clear the most findings come first.
import type { VulnFinding } from '../model/finding';
import { schemeForEcosystem } from '../vuln/version/registry';

export interface FixSuggestion {
  package: string;
  version: string;
  ecosystem: string;
  /** The highest "fixed in" among the package's findings: the smallest version that clears them all. */
  upgradeTo?: string;
  clears: string[];
  /** Findings of this package with no fix yet: the upgrade does not clear them. */
  unfixed: string[];
  layerIndex?: number;
  installedBy?: string;
}

export function fixGuidance(findings: readonly VulnFinding[]): FixSuggestion[] {
  const byPackage = new Map<string, VulnFinding[]>();
  for (const f of findings) {
    const key = `${f.package.ecosystem}|${f.package.name}|${f.package.version}|${f.package.foundIn}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), f]);
  }
  const out: FixSuggestion[] = [];
  for (const group of byPackage.values()) {
    const p = group[0].package;
    const scheme = schemeForEcosystem(p.ecosystem);
    const fixed = group.filter((f) => f.fixedIn);
    let upgradeTo: string | undefined;
    for (const f of fixed) {
      if (!upgradeTo) upgradeTo = f.fixedIn;
      else if (scheme ? scheme.compare(f.fixedIn!, upgradeTo) > 0 : f.fixedIn! > upgradeTo)
        upgradeTo = f.fixedIn;
    }
    out.push({
      package: p.name,
      version: p.version,
      ecosystem: p.ecosystem,
      upgradeTo,
      clears: [...new Set(fixed.map((f) => f.id))].sort(),
      unfixed: [...new Set(group.filter((f) => !f.fixedIn).map((f) => f.id))].sort(),
      layerIndex: p.layer?.index,
      installedBy: p.layer?.createdBy,
    });
  }
  return out.sort((a, b) => b.clears.length - a.clears.length || a.package.localeCompare(b.package));
}

/** One line a person can act on: "upgrade libssl3 to 3.0.17-1~deb12u3 — installed by layer 3: RUN apt-get …". */
export function describeFix(s: FixSuggestion): string {
  const action = s.upgradeTo
    ? `upgrade ${s.package} ${s.version} to ${s.upgradeTo} (clears ${s.clears.length})`
    : `${s.package} ${s.version}: no fixed version yet (${s.unfixed.length} open)`;
  const where = s.installedBy
    ? ` — installed by layer ${s.layerIndex}: ${s.installedBy}`
    : s.layerIndex !== undefined
      ? ` — in layer ${s.layerIndex} (the image records no instruction for it)`
      : '';
  return action + where;
}
