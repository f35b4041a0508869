// "Add exception" on a finding: the exception goes into the vulnerability rule that applies to the scanned image
// (the first rule in scope of the scan's own kind: CI, deployed or host), so the next scan judged by it passes.
import { inScope, type CollectionLookup } from '../../agent/policy/scope';
import type { VulnException } from '../../agent/policy/vuln-rule';
import { ApiError } from '../api/errors';
import type { ExceptionAddedDto } from '../contract/collections-dto';
import type { ScansRepo } from '../db/repos/scans-repo';
import { subjectOfScan } from './scan-subject';
import type { RuleStore } from './rule-store';

export class VulnExceptions {
  constructor(
    private readonly scans: ScansRepo,
    private readonly rules: RuleStore,
    private readonly collections: CollectionLookup,
  ) {}

  add(p: {
    scanId: number;
    vulnId: string;
    package?: string;
    expires?: string;
    reason?: string;
  }): ExceptionAddedDto {
    const row = this.scans.get(p.scanId);
    if (!row) throw new ApiError('not_found', `no scan with id ${p.scanId}`);
    const kind = row.kind;
    const list = this.rules.vulnRules(kind);
    const subject = subjectOfScan(row);
    const at = list.findIndex((r) => inScope(r.scope, subject, this.collections));
    if (at < 0)
      throw new ApiError(
        'bad_request',
        `no ${kind} vulnerability rule applies to ${row.ref}; add one in Defend › Vulnerabilities first`,
      );
    const exception: VulnException = {
      id: p.vulnId,
      package: p.package,
      expires: p.expires,
      reason: p.reason,
    };
    const rule = list[at];
    // The same id and package replaces the older exception (a new expiry or reason), never duplicates it.
    const others = (rule.exceptions ?? []).filter((e) => !(e.id === p.vulnId && e.package === p.package));
    const updated = list.map((r, i) => (i === at ? { ...r, exceptions: [...others, clean(exception)] } : r));
    this.rules.setVulnRules(kind, updated);
    return { kind, rule: rule.name, exception: clean(exception) };
  }
}

function clean(e: VulnException): VulnException {
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as VulnException;
}
