// Check results with what a compliance rule made of each: its effect for the check and the outcome (fail/alert/ok).
import {
  judgeCompliance,
  type CheckEffect,
  type CheckResultLike,
  type ComplianceRule,
} from '../../agent/policy/compliance-rule';

export type JudgedRow<R> = R & { effect?: CheckEffect; outcome?: 'fail' | 'alert' | 'ok' };

/** Rows with the rule's effect and outcome per check; without a rule, the rows as they are and no verdict. */
export function judgedRows<R extends CheckResultLike>(
  results: readonly R[],
  rule: ComplianceRule | undefined,
): { rows: JudgedRow<R>[]; pass?: boolean } {
  if (!rule) return { rows: [...results] };
  const v = judgeCompliance(results, rule);
  return { rows: v.judged.map((j) => ({ ...j.result, effect: j.effect, outcome: j.outcome })), pass: v.pass };
}
