import { useEffect, type JSX } from 'react';
import { HOST_SCOPE_PLACEHOLDER } from '../../components/ScopePicker';
import { useOrderedDraft } from './use-ordered-draft';
import type { RuleKind } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { ComplianceRuleEditor } from './ComplianceRuleEditor';

const TABS = [
  { kind: 'ci', label: 'CI', path: 'defend/rules' },
  { kind: 'deployed', label: 'Images & containers', path: 'defend/rules/deployed' },
  { kind: 'host', label: 'Hosts', path: 'defend/rules/hosts' },
] as const;

const WHAT: Record<RuleKind, string> = {
  ci: 'images scanned by moat images scan in CI (the CLI fetches these rules)',
  deployed:
    'images in the Docker daemon and their running containers (Monitor › Compliance › Images and Containers)',
  host: 'hosts (Monitor › Compliance › Hosts and host scans)',
};

/** Which catalog checks each list evaluates. */
const KINDS: Record<RuleKind, readonly string[]> = {
  ci: ['image'],
  deployed: ['image', 'container'],
  host: ['host', 'daemon'],
};

/** Defend › Compliance rules: an ordered list per kind; the first rule whose scope holds the subject applies. */
export function RulesView({ kind }: { kind: RuleKind }): JSX.Element {
  const stored = useStore((s) => s.complianceRules[kind]);
  const catalog = useStore((s) => s.catalog);
  const status = useStore((s) => s.rulesStatus);
  const load = useStore((s) => s.loadComplianceRules);
  const save = useStore((s) => s.saveComplianceRules);
  const { draft, setDraft, move } = useOrderedDraft(stored);
  useEffect(() => void load(kind), [load, kind]);
  const shownStatus = status?.kind === kind ? status : undefined;
  return (
    <section>
      <h1>Defend › Compliance rules</h1>
      <nav className="tabs" aria-label="compliance rule kinds">
        {TABS.map((t) => (
          <a
            key={t.kind}
            href={`#/${t.path}`}
            className={t.kind === kind ? 'active' : ''}
            aria-current={t.kind === kind ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      <p className="muted" data-testid="first-match-note">
        Rules for {WHAT[kind]} are tried in order, top to bottom: the first rule whose scope holds it decides
        the verdict and the rules below it are not used. Vulnerability rules are in{' '}
        <a href="#/defend/vulnerabilities">Defend › Vulnerabilities</a>.
      </p>
      {shownStatus?.error && !draft && <p className="error">{shownStatus.error}</p>}
      {!draft || !catalog ? (
        <p>Loading…</p>
      ) : (
        <>
          {draft.length === 0 && (
            <p data-testid="no-compliance-rules">
              No rules yet: every check runs and nothing fails. Add a rule to pick a template and set effects.
            </p>
          )}
          {draft.map((r, i) => (
            <div key={i} data-testid="compliance-rule-slot">
              <div className="toolbar">
                <span className="muted">
                  #{i + 1}
                  {i === 0 ? ' · tried first' : ''}
                </span>
                <button disabled={i === 0} onClick={() => move(i, -1)} aria-label={`move rule ${i + 1} up`}>
                  ↑
                </button>
                <button
                  disabled={i === draft.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`move rule ${i + 1} down`}
                >
                  ↓
                </button>
              </div>
              <ComplianceRuleEditor
                rule={r}
                catalog={catalog}
                kinds={KINDS[kind]}
                customChecks={kind !== 'host'}
                scopePlaceholder={kind === 'host' ? HOST_SCOPE_PLACEHOLDER : undefined}
                onChange={(next) => setDraft(draft.map((x, j) => (j === i ? next : x)))}
                onRemove={() => setDraft(draft.filter((_, j) => j !== i))}
              />
            </div>
          ))}
          <button onClick={() => setDraft([...draft, { name: 'Compliance rule', defaultEffect: 'alert' }])}>
            Add compliance rule
          </button>
          <div className="toolbar">
            <button className="primary" onClick={() => void save(kind, draft)}>
              Save rules
            </button>
            {shownStatus?.message && <span data-testid="rules-saved">{shownStatus.message}</span>}
            {shownStatus?.error && (
              <span className="error" data-testid="rules-error">
                {shownStatus.error}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
