// Every stored rule that has a scope, across the rule lists (CI, deployed and host vulnerability and compliance
// rules): which ones name a collection, renaming a collection in them, and refusing scopes naming unknown ones.
import type { Scope } from '../../agent/policy/scope';
import { RULE_KINDS, type RuleStore } from './rule-store';
import { COMPLIANCE_LIST_LABEL, VULN_LIST_LABEL } from './scope-check';

interface Scoped {
  name: string;
  scope?: Scope;
}

function label(list: string, rule: Scoped): string {
  return `${list} rule "${rule.name}"`;
}

/** Each rule with the name of its list, e.g. `CI vulnerability rule "Org baseline"`. */
export function scopedRules(store: RuleStore): Array<{ label: string; scope?: Scope }> {
  const out: Array<{ label: string; scope?: Scope }> = [];
  for (const kind of RULE_KINDS)
    for (const r of store.vulnRules(kind))
      out.push({ label: label(VULN_LIST_LABEL[kind], r), scope: r.scope });
  for (const kind of RULE_KINDS)
    for (const r of store.complianceRules(kind))
      out.push({ label: label(COMPLIANCE_LIST_LABEL[kind], r), scope: r.scope });
  return out;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export function rulesUsingCollection(store: RuleStore, name: string): string[] {
  return scopedRules(store)
    .filter((r) => r.scope?.collections?.some((c) => same(c, name)))
    .map((r) => r.label);
}

function renamed<T extends Scoped>(rules: T[], from: string, to: string): T[] {
  return rules.map((r) =>
    r.scope?.collections?.some((c) => same(c, from))
      ? { ...r, scope: { ...r.scope, collections: r.scope.collections.map((c) => (same(c, from) ? to : c)) } }
      : r,
  );
}

/** Rewrites every scope naming `from` to name `to` instead, so renaming a collection keeps its rules. */
export function renameCollectionInRules(store: RuleStore, from: string, to: string): void {
  for (const kind of RULE_KINDS) {
    if (kind === 'ci') continue;
    const rules = store.vulnRules(kind);
    if (rulesUse(rules, from)) store.setVulnRules(kind, renamed(rules, from, to));
    const comp = store.complianceRules(kind);
    if (rulesUse(comp, from)) store.setComplianceRules(kind, renamed(comp, from, to));
  }
  const ci = store.list();
  if (rulesUse(ci.vulnerabilityRules, from) || rulesUse(ci.complianceRules, from))
    store.replace({
      ...ci,
      vulnerabilityRules: renamed(ci.vulnerabilityRules, from, to),
      complianceRules: renamed(ci.complianceRules, from, to),
    });
}

function rulesUse(rules: readonly Scoped[], name: string): boolean {
  return rules.some((r) => r.scope?.collections?.some((c) => same(c, name)));
}
