// Vulnerability and compliance rules as ordered, scoped lists (first match applies), stored in console.db.
// CI scans and deployed images use the same lists until Defend keeps separate ones per kind.
import { parseCiPolicy, parseCiRules, type CiPolicy, type CiRules } from '../../agent/policy/ci-policy';
import { firstInScope } from '../../agent/policy/scope';
import type { SettingsRepo } from '../db/repos/settings-repo';

const KEY = 'ci.policy';

export class RuleStore {
  constructor(private readonly settings: SettingsRepo) {}

  /** The CI rules for an image: the first vulnerability rule and the first compliance rule whose scope holds it. */
  policy(image: string): CiPolicy {
    const rules = this.list();
    const vuln = firstInScope(rules.vulnerabilityRules, image);
    const comp = firstInScope(rules.complianceRules, image);
    return parseCiPolicy({ vulnerability: strip(vuln), compliance: strip(comp) }, 'stored CI rules');
  }

  list(): CiRules {
    return parseCiRules(this.settings.get<unknown>(KEY, {}), 'stored CI rules');
  }

  /** Replaces the ordered rule lists; each rule is checked exactly as the CLI checks a policy file. */
  replace(raw: unknown): CiRules {
    const rules = parseCiRules(raw, 'CI rules');
    this.settings.set(KEY, rules);
    return rules;
  }
}

function strip<T extends { scope?: unknown }>(rule: T | undefined): Omit<T, 'scope'> | undefined {
  if (!rule) return undefined;
  const { scope: _scope, ...rest } = rule;
  return rest;
}
