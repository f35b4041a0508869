// The rule JSON the console uses, readable offline by `moat images scan --policy FILE`.
import { z } from 'zod';
import { customCheckSchema, type CustomCheck } from '../compliance/custom/custom-check';
import type { ComplianceRule } from './compliance-rule';
import type { VulnRule } from './vuln-rule';

const threshold = z.enum(['low', 'medium', 'high', 'critical']);
const effect = z.enum(['ignore', 'alert', 'fail']);

// A scope names image globs and/or collections (by name); rules stored before collections have images only.
const scope = z
  .object({
    images: z.array(z.string().min(1).max(300)).max(100).optional(),
    collections: z.array(z.string().min(1).max(100)).max(100).optional(),
  })
  .strict();

const vulnRule = z.object({
  name: z.string().max(200).default('CI vulnerability rule'),
  alertThreshold: threshold.optional(),
  failThreshold: threshold.optional(),
  onlyFixed: z.boolean().optional(),
  graceDays: z.number().int().min(0).max(3650).optional(),
  exceptions: z
    .array(
      z.object({
        id: z.string().min(1).max(100),
        package: z.string().max(200).optional(),
        expires: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        reason: z.string().max(1000).optional(),
      }),
    )
    .max(10_000)
    .optional(),
});

const complianceRule = z.object({
  name: z.string().max(200).default('CI compliance rule'),
  template: z.string().max(100).optional(),
  effects: z.record(z.string().regex(/^\d+$/), effect).optional(),
  defaultEffect: effect.optional(),
  failThreshold: threshold.optional(),
  customChecks: z.array(customCheckSchema).max(500).optional(),
});

export const ciPolicySchema = z
  .object({ vulnerability: vulnRule.strict().optional(), compliance: complianceRule.strict().optional() })
  .strict();

/** What the console stores: ordered rule lists, each rule with a scope; the first rule in scope applies. */
export const ciRulesSchema = z
  .object({
    vulnerabilityRules: z
      .array(vulnRule.extend({ scope: scope.optional() }).strict())
      .max(200)
      .default([]),
    complianceRules: z
      .array(complianceRule.extend({ scope: scope.optional() }).strict())
      .max(200)
      .default([]),
  })
  .strict();

export type CiRules = z.infer<typeof ciRulesSchema>;

export function parseCiRules(raw: unknown, input: string): CiRules {
  const r = ciRulesSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${input}: invalid rules (${i.path.join('.') || 'root'}: ${i.message})`);
  }
  return r.data;
}

export interface CiPolicy {
  vulnerability: VulnRule;
  compliance: ComplianceRule & { customChecks: CustomCheck[] };
}

export function parseCiPolicy(raw: unknown, input: string): CiPolicy {
  const r = ciPolicySchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${input}: invalid policy (${i.path.join('.') || 'root'}: ${i.message})`);
  }
  const { vulnerability, compliance } = r.data;
  return {
    vulnerability: vulnerability ?? { name: 'CI vulnerability rule' },
    compliance: { name: 'CI compliance rule', ...compliance, customChecks: compliance?.customChecks ?? [] },
  };
}
