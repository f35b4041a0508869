// A vulnerability found in a package, as the matcher reports it.
import type { Package } from './package';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'negligible' | 'unknown';

export const SEVERITY_ORDER: readonly Severity[] = [
  'unknown',
  'negligible',
  'low',
  'medium',
  'high',
  'critical',
];

export interface VulnFinding {
  /** Preferred id: the CVE when the record has one, else the feed's id (GHSA-…, ALPINE-…). */
  id: string;
  aliases: string[];
  severity: Severity;
  /** Where the severity came from: "debian-tracker urgency", "osv (GitHub)", "NVD CVSS" … */
  severitySource?: string;
  cvssScore?: number;
  cvssVector?: string;
  /** Smallest version that fixes it on this package's line, when one is known. */
  fixedIn?: string;
  status: 'fixed' | 'open' | 'wontfix' | 'unknown';
  description?: string;
  published?: string;
  /** Pages about the vulnerability (advisory, tracker, NVD). */
  links?: string[];
  /** Feed that reported it ("osv", "alpine-secdb", "debian-tracker", "custom") and its import time. */
  feed: string;
  feedImportedAt?: string;
  package: Package;
}
