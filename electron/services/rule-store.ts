// Vulnerability and compliance rules as ordered, scoped lists (first match applies), stored in console.db.
// Vulnerability and compliance rules are kept per kind (CI, deployed images and containers, hosts); the CI lists
// are the ones `moat images scan` fetches.
import { parseCiPolicy, parseCiRules, type CiPolicy, type CiRules } from '../../agent/policy/ci-policy';
import { firstInScope, type CollectionLookup, type Scope, type ScopeSubject } from '../../agent/policy/scope';
import type { SettingsRepo } from '../db/repos/settings-repo';
import { ApiError } from '../api/errors';
import { templateCheckIds } from '../../agent/compliance/catalog';
import { checkCollectionsExist, COMPLIANCE_LIST_LABEL, VULN_LIST_LABEL } from './scope-check';

const KEY = 'ci.policy';

export const RULE_KINDS = ['ci', 'deployed', 'host'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export type VulnRules = CiRules['vulnerabilityRules'];
/** Where the deployed and host lists live; the CI list stays inside 'ci.policy' (migration 007). */
const vulnKey = (kind: Exclude<RuleKind, 'ci'>): string => `vuln.rules.${kind}`;
export type ComplianceRules = CiRules['complianceRules'];
/** The compliance rule that applies to a subject, with its custom checks (none when absent). */
export type AppliedComplianceRule = CiPolicy['compliance'];
/** Where the deployed and host compliance lists live; the CI list stays inside 'ci.policy' (migration 010). */
const compKey = (kind: Exclude<RuleKind, 'ci'>): string => `compliance.rules.${kind}`;

export class RuleStore {
  constructor(
    private readonly settings: SettingsRepo,
    /** Resolves collection names in scopes (none known when absent). */
    private readonly collections: CollectionLookup = () => undefined,
  ) {}

  /** Rules may only name collections that exist. */
  private checkScopes(list: string, rules: ReadonlyArray<{ name: string; scope?: Scope }>): void {
    checkCollectionsExist(list, rules, (name) => this.collections(name) !== undefined);
  }

  /** The CI rules for an image: the first vulnerability rule and the first compliance rule whose scope holds it. */
  policy(image: ScopeSubject | string): CiPolicy {
    const rules = this.list();
    const vuln = firstInScope(rules.vulnerabilityRules, image, this.collections);
    const comp = firstInScope(rules.complianceRules, image, this.collections);
    return parseCiPolicy({ vulnerability: strip(vuln), compliance: strip(comp) }, 'stored CI rules');
  }

  list(): CiRules {
    return parseCiRules(this.settings.get<unknown>(KEY, {}), 'stored CI rules');
  }

  /** Replaces the ordered rule lists; each rule is checked exactly as the CLI checks a policy file. */
  replace(raw: unknown): CiRules {
    const rules = parseCiRules(raw, 'CI rules');
    this.checkScopes(VULN_LIST_LABEL.ci, rules.vulnerabilityRules);
    this.checkScopes(COMPLIANCE_LIST_LABEL.ci, rules.complianceRules);
    this.settings.set(KEY, rules);
    return rules;
  }

  /** The ordered vulnerability rules of one kind. */
  vulnRules(kind: RuleKind): VulnRules {
    if (kind === 'ci') return this.list().vulnerabilityRules;
    const raw = this.settings.get<unknown>(vulnKey(kind), []);
    return parseCiRules({ vulnerabilityRules: raw }, `stored ${kind} vulnerability rules`).vulnerabilityRules;
  }

  /** Replaces the vulnerability rules of one kind, checked like the CI rules; the other lists are untouched. */
  setVulnRules(kind: RuleKind, raw: unknown): VulnRules {
    let rules: VulnRules;
    try {
      rules = parseCiRules({ vulnerabilityRules: raw }, `${kind} vulnerability rules`).vulnerabilityRules;
    } catch (err) {
      throw new ApiError('bad_request', (err as Error).message);
    }
    this.checkScopes(VULN_LIST_LABEL[kind], rules);
    if (kind === 'ci') this.settings.set(KEY, { ...this.list(), vulnerabilityRules: rules });
    else this.settings.set(vulnKey(kind), rules);
    return rules;
  }

  /** The vulnerability rule of one kind that applies to an image or host (first match), if any. */
  vulnRule(kind: RuleKind, subject: ScopeSubject | string): Omit<VulnRules[number], 'scope'> | undefined {
    return strip(firstInScope(this.vulnRules(kind), subject, this.collections));
  }

  /** The ordered compliance rules of one kind. */
  complianceRules(kind: RuleKind): ComplianceRules {
    if (kind === 'ci') return this.list().complianceRules;
    const raw = this.settings.get<unknown>(compKey(kind), []);
    return parseCiRules({ complianceRules: raw }, `stored ${kind} compliance rules`).complianceRules;
  }

  /** Replaces the compliance rules of one kind, checked like the CI rules; the other lists are untouched. */
  setComplianceRules(kind: RuleKind, raw: unknown): ComplianceRules {
    let rules: ComplianceRules;
    try {
      rules = parseCiRules({ complianceRules: raw }, `${kind} compliance rules`).complianceRules;
      for (const r of rules) if (r.template !== undefined) templateCheckIds(r.template);
    } catch (err) {
      throw new ApiError('bad_request', (err as Error).message);
    }
    this.checkScopes(COMPLIANCE_LIST_LABEL[kind], rules);
    if (kind === 'ci') this.settings.set(KEY, { ...this.list(), complianceRules: rules });
    else this.settings.set(compKey(kind), rules);
    return rules;
  }

  /**
   * The compliance rule of one kind that applies to an image, container or host (first match), or undefined when
   * no rule holds it: results are then shown unjudged.
   */
  complianceRule(kind: RuleKind, subject: ScopeSubject | string): AppliedComplianceRule | undefined {
    const rule = strip(firstInScope(this.complianceRules(kind), subject, this.collections));
    return rule && parseCiPolicy({ compliance: rule }, `${kind} compliance rule "${rule.name}"`).compliance;
  }
}

function strip<T extends { scope?: unknown }>(rule: T | undefined): Omit<T, 'scope'> | undefined {
  if (!rule) return undefined;
  const { scope: _scope, ...rest } = rule;
  return rest;
}
