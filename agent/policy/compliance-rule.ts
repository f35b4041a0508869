// A compliance rule: a template, a per-check effect, and the verdict it gives for check results.
import { meets, type Threshold } from './severity-threshold';

export type CheckEffect = 'ignore' | 'alert' | 'fail';

export interface ComplianceRule {
  name: string;
  /** Template whose checks are evaluated (all image checks when absent). */
  template?: string;
  /** Effect per check id; checks not listed take `defaultEffect`. */
  effects?: Record<string, CheckEffect>;
  defaultEffect?: CheckEffect;
  /** Failed checks at or above this severity fail the verdict whatever their effect says (the CLI flag). */
  failThreshold?: Threshold;
}

export interface CheckResultLike {
  checkId: number;
  severity: 'critical' | 'high' | 'medium' | 'low';
  status: 'pass' | 'fail' | 'not_applicable' | 'error';
}

export interface JudgedCheck<R extends CheckResultLike> {
  result: R;
  effect: CheckEffect;
  /** fail: counts against the verdict; alert: reported; ok: passed or ignored. */
  outcome: 'fail' | 'alert' | 'ok';
}

export interface ComplianceVerdict<R extends CheckResultLike> {
  pass: boolean;
  judged: JudgedCheck<R>[];
  failing: number;
}

export function judgeCompliance<R extends CheckResultLike>(
  results: readonly R[],
  rule: ComplianceRule,
): ComplianceVerdict<R> {
  const judged = results.map((result): JudgedCheck<R> => {
    const effect = rule.effects?.[String(result.checkId)] ?? rule.defaultEffect ?? 'alert';
    // An error is not a pass: a check that could not run under a fail effect fails the verdict.
    const bad = result.status === 'fail' || result.status === 'error';
    if (!bad || effect === 'ignore') return { result, effect, outcome: 'ok' };
    if (effect === 'fail' || meets(result.severity, rule.failThreshold))
      return { result, effect, outcome: 'fail' };
    return { result, effect, outcome: 'alert' };
  });
  const failing = judged.filter((j) => j.outcome === 'fail').length;
  return { pass: failing === 0, judged, failing };
}
