// Rules may only name collections that exist: a scope naming a missing one would silently hold nothing.
import type { Scope } from '../../agent/policy/scope';
import { ApiError } from '../api/errors';

/** How each vulnerability rule list is named in messages ("deployed images vulnerability rule \"X\""). */
export const VULN_LIST_LABEL: Record<'ci' | 'deployed' | 'host', string> = {
  ci: 'CI vulnerability',
  deployed: 'deployed images vulnerability',
  host: 'hosts vulnerability',
};

/** How each compliance rule list is named in messages. */
export const COMPLIANCE_LIST_LABEL: Record<'ci' | 'deployed' | 'host', string> = {
  ci: 'CI compliance',
  deployed: 'deployed images compliance',
  host: 'hosts compliance',
};

/** Refuses rules whose scope names a collection that does not exist, naming the rule and the collection. */
export function checkCollectionsExist(
  listName: string,
  rules: ReadonlyArray<{ name: string; scope?: Scope }>,
  exists: (name: string) => boolean,
): void {
  for (const r of rules)
    for (const c of r.scope?.collections ?? [])
      if (!exists(c))
        throw new ApiError(
          'bad_request',
          `${listName} rule "${r.name}": no collection named "${c}" (create it in Manage › Collections and tags)`,
        );
}
