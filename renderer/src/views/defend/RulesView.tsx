import { useEffect, useState, type JSX } from 'react';
import type { CiRules } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { ComplianceRuleEditor } from './ComplianceRuleEditor';

/** Defend › Compliance (CI and deployed images): ordered rules, the first in scope applies. */
export function RulesView(): JSX.Element {
  const stored = useStore((s) => s.rules);
  const catalog = useStore((s) => s.catalog);
  const status = useStore((s) => s.rulesStatus);
  const load = useStore((s) => s.loadRules);
  const save = useStore((s) => s.saveRules);
  const [draft, setDraft] = useState<CiRules | undefined>();
  useEffect(() => void load(), [load]);
  useEffect(() => setDraft(stored), [stored]);
  if (!draft || !catalog) return <p>Loading…</p>;
  const comp = draft.complianceRules;
  return (
    <section>
      <h1>Defend › Compliance rules</h1>
      <p className="muted">
        Rules are checked in order; the first rule whose scope holds the image applies (CI scans and deployed
        images). Vulnerability rules are in <a href="#/defend/vulnerabilities">Defend › Vulnerabilities</a>.
      </p>
      <h2>Compliance rules</h2>
      {comp.map((r, i) => (
        <ComplianceRuleEditor
          key={i}
          rule={r}
          catalog={catalog}
          onChange={(next) =>
            setDraft({ ...draft, complianceRules: comp.map((x, j) => (j === i ? next : x)) })
          }
          onRemove={() => setDraft({ ...draft, complianceRules: comp.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        onClick={() =>
          setDraft({
            ...draft,
            complianceRules: [...comp, { name: 'Compliance rule', defaultEffect: 'alert' }],
          })
        }
      >
        Add compliance rule
      </button>
      <div className="toolbar">
        <button className="primary" onClick={() => void save(draft)}>
          Save rules
        </button>
        {status?.message && <span data-testid="rules-saved">{status.message}</span>}
        {status?.error && (
          <span className="error" data-testid="rules-error">
            {status.error}
          </span>
        )}
      </div>
    </section>
  );
}
