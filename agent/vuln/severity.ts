// Maps each feed's own severity words onto the finding's scale. Unknown words give undefined so the
// matcher falls back to CVSS instead of inventing a rating.
import type { Severity } from '../model/finding';
import { SEVERITY_ORDER } from '../model/finding';

const GITHUB: Record<string, Severity> = {
  LOW: 'low',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

/** GitHub advisory `database_specific.severity` (LOW/MODERATE/HIGH/CRITICAL). */
export function severityFromGithub(word: unknown): Severity | undefined {
  return typeof word === 'string' ? GITHUB[word.trim().toUpperCase()] : undefined;
}

/**
 * Debian tracker urgency. A trailing "*" or "**" marks an urgency guessed by the tracker; it still counts.
 * "not yet assigned" and "end-of-life" carry no rating, so they return undefined.
 */
export function severityFromDebianUrgency(urgency: unknown): Severity | undefined {
  if (typeof urgency !== 'string') return undefined;
  const u = urgency.trim().replace(/\*+$/, '').toLowerCase();
  switch (u) {
    case 'unimportant':
      return 'negligible';
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    default:
      return undefined;
  }
}

/** The console's custom feed uses our own words; anything else is refused by the importer. */
export function parseSeverityWord(word: unknown): Severity | undefined {
  if (typeof word !== 'string') return undefined;
  const w = word.trim().toLowerCase();
  if (w === 'moderate') return 'medium';
  return (SEVERITY_ORDER as readonly string[]).includes(w) ? (w as Severity) : undefined;
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITY_ORDER as readonly string[]).includes(value);
}
