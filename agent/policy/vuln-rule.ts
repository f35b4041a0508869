// A vulnerability rule (CI, deployed or hosts) and the verdict it gives for a set of findings.
import type { VulnFinding } from '../model/finding';
import { meets, type Threshold } from './severity-threshold';

export interface VulnException {
  /** CVE or advisory id; "*" with a package means every finding of that package. */
  id: string;
  package?: string;
  /** ISO date (YYYY-MM-DD); the exception ends at the start of that day, UTC. */
  expires?: string;
  reason?: string;
}

export interface VulnRule {
  name: string;
  alertThreshold?: Threshold;
  failThreshold?: Threshold;
  onlyFixed?: boolean;
  /** Findings published fewer than this many days ago only alert, giving teams time to patch. */
  graceDays?: number;
  exceptions?: VulnException[];
}

export type VulnDisposition = 'fail' | 'alert' | 'ignored' | 'excepted' | 'grace' | 'below';

export interface JudgedFinding {
  finding: VulnFinding;
  disposition: VulnDisposition;
  exception?: VulnException;
}

export interface VulnVerdict {
  pass: boolean;
  judged: JudgedFinding[];
  failing: number;
  alerting: number;
}

const DAY_MS = 86_400_000;

export function exceptionFor(
  f: VulnFinding,
  exceptions: readonly VulnException[],
  now: Date,
): VulnException | undefined {
  return exceptions.find((e) => {
    if (e.expires && Date.parse(`${e.expires}T00:00:00Z`) <= now.getTime()) return false;
    const idMatches = e.id === '*' || e.id === f.id || f.aliases.includes(e.id);
    const pkgMatches = !e.package || e.package === f.package.name || e.package === f.package.sourceName;
    return idMatches && pkgMatches && (e.id !== '*' || !!e.package);
  });
}

export function judgeVulns(findings: readonly VulnFinding[], rule: VulnRule, now = new Date()): VulnVerdict {
  const judged = findings.map((finding): JudgedFinding => {
    const exception = exceptionFor(finding, rule.exceptions ?? [], now);
    if (exception) return { finding, disposition: 'excepted', exception };
    if (rule.onlyFixed && !finding.fixedIn) return { finding, disposition: 'ignored' };
    if (meets(finding.severity, rule.failThreshold)) {
      const published = finding.published ? Date.parse(finding.published) : NaN;
      const inGrace =
        (rule.graceDays ?? 0) > 0 &&
        Number.isFinite(published) &&
        now.getTime() - published < (rule.graceDays ?? 0) * DAY_MS;
      return { finding, disposition: inGrace ? 'grace' : 'fail' };
    }
    if (meets(finding.severity, rule.alertThreshold)) return { finding, disposition: 'alert' };
    return { finding, disposition: 'below' };
  });
  const failing = judged.filter((j) => j.disposition === 'fail').length;
  const alerting = judged.filter((j) => j.disposition === 'alert' || j.disposition === 'grace').length;
  return { pass: failing === 0, judged, failing, alerting };
}
