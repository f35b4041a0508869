import { useEffect, type JSX } from 'react';
import { HOST_SCOPE_PLACEHOLDER } from '../../components/ScopePicker';
import { useOrderedDraft } from './use-ordered-draft';
import type { RuleKind } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { VulnRuleCard } from './VulnRuleCard';
import { DefendVulnTabs } from './DefendVulnTabs';

const WHAT: Record<RuleKind, string> = {
  ci: 'images scanned by moat images scan in CI (the CLI fetches these rules)',
  deployed: 'images in the Docker daemon (Monitor › Vulnerabilities › Images)',
  host: 'hosts (Monitor › Vulnerabilities › Hosts)',
};

/** Defend › Vulnerabilities: an ordered rule list per kind; the first rule whose scope holds the subject applies. */
export function VulnRulesView({ kind }: { kind: RuleKind }): JSX.Element {
  const stored = useStore((s) => s.vulnRules[kind]);
  const status = useStore((s) => s.vulnRulesStatus);
  const load = useStore((s) => s.loadVulnRules);
  const save = useStore((s) => s.saveVulnRules);
  const { draft, setDraft, move } = useOrderedDraft(stored);
  useEffect(() => void load(kind), [load, kind]);
  const shownStatus = status?.kind === kind ? status : undefined;
  return (
    <section>
      <h1>Defend › Vulnerabilities</h1>
      <DefendVulnTabs current={kind} />
      <p className="muted" data-testid="first-match-note">
        Rules for {WHAT[kind]} are tried in order, top to bottom: the first rule whose scope holds it decides
        the verdict and the rules below it are not used.
      </p>
      {shownStatus?.error && !draft && <p className="error">{shownStatus.error}</p>}
      {!draft ? (
        <p>Loading…</p>
      ) : (
        <>
          {draft.length === 0 && (
            <p data-testid="no-vuln-rules">
              No rules yet: nothing fails or alerts. Add a rule to set thresholds.
            </p>
          )}
          {draft.map((r, i) => (
            <VulnRuleCard
              key={i}
              rule={r}
              position={i}
              count={draft.length}
              scopePlaceholder={kind === 'host' ? HOST_SCOPE_PLACEHOLDER : undefined}
              onChange={(next) => setDraft(draft.map((x, j) => (j === i ? next : x)))}
              onMove={(by) => move(i, by)}
              onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
            />
          ))}
          <div className="toolbar">
            <button
              onClick={() =>
                setDraft([
                  ...draft,
                  { name: 'Vulnerability rule', alertThreshold: 'low', failThreshold: 'high' },
                ])
              }
            >
              Add rule
            </button>
            <button className="primary" onClick={() => void save(kind, draft)}>
              Save rules
            </button>
            {shownStatus?.message && <span data-testid="vuln-rules-saved">{shownStatus.message}</span>}
            {shownStatus?.error && (
              <span className="error" data-testid="vuln-rules-error">
                {shownStatus.error}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
