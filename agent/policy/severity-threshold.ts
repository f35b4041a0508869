// Severity thresholds as users write them: "low" means low and above.
import { SEVERITY_ORDER, type Severity } from '../model/finding';

export type Threshold = 'low' | 'medium' | 'high' | 'critical';
export const THRESHOLDS: readonly Threshold[] = ['low', 'medium', 'high', 'critical'];

export function isThreshold(v: string): v is Threshold {
  return (THRESHOLDS as readonly string[]).includes(v);
}

export function meets(
  severity: Severity | 'critical' | 'high' | 'medium' | 'low',
  threshold: Threshold | undefined,
): boolean {
  if (!threshold) return false;
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(threshold);
}
