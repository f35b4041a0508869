// Vulnerability and compliance rules as ordered, scoped lists (first match applies), stored in console.db.
// CI scans and deployed images use the same lists until Defend keeps separate ones per kind.
import { parseCiPolicy, parseCiRules, type CiPolicy, type CiRules } from '../../agent/policy/ci-policy';
import { firstInScope, type CollectionLookup, type Scope, type ScopeSubject } from '../../agent/policy/scope';
import type { SettingsRepo } from '../db/repos/settings-repo';
import { checkCollectionsExist } from './scope-check';

const KEY = 'ci.policy';

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
    this.checkScopes('CI vulnerability', rules.vulnerabilityRules);
    this.checkScopes('compliance', rules.complianceRules);
    this.settings.set(KEY, rules);
    return rules;
  }
}

function strip<T extends { scope?: unknown }>(rule: T | undefined): Omit<T, 'scope'> | undefined {
  if (!rule) return undefined;
  const { scope: _scope, ...rest } = rule;
  return rest;
}
