import { useEffect, useState, type JSX } from 'react';
import type { CiRules } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { ComplianceRuleEditor } from './ComplianceRuleEditor';

const THRESHOLDS = ['low', 'medium', 'high', 'critical'] as const;
type Threshold = (typeof THRESHOLDS)[number];

function ThresholdSelect(props: {
  label: 'alert' | 'fail';
  value?: Threshold;
  onChange(t: Threshold | undefined): void;
}): JSX.Element {
  return (
    <label>
      {props.label}{' '}
      <select
        aria-label={props.label === 'fail' ? 'failure threshold' : 'alert threshold'}
        value={props.value ?? ''}
        onChange={(e) => props.onChange((e.target.value || undefined) as Threshold | undefined)}
      >
        <option value="">off</option>
        {THRESHOLDS.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Defend › Vulnerabilities and Compliance (CI and deployed images): ordered rules, the first in scope applies. */
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
  const vuln = draft.vulnerabilityRules;
  const comp = draft.complianceRules;
  const setVuln = (i: number, patch: Partial<CiRules['vulnerabilityRules'][number]>): void =>
    setDraft({ ...draft, vulnerabilityRules: vuln.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <section>
      <h1>Defend › Vulnerability and compliance rules</h1>
      <p className="muted">
        Rules are checked in order; the first rule whose scope holds the image applies (CI scans and deployed
        images).
      </p>
      <h2>Vulnerability rules</h2>
      {vuln.map((r, i) => (
        <div className="card toolbar" key={i} data-testid="vuln-rule">
          <input
            aria-label="vuln rule name"
            value={r.name}
            onChange={(e) => setVuln(i, { name: e.target.value })}
          />
          <input
            aria-label="vuln scope"
            placeholder="images in scope (empty: all)"
            value={(r.scope?.images ?? []).join(', ')}
            onChange={(e) =>
              setVuln(i, {
                scope: {
                  images: e.target.value
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
                },
              })
            }
          />
          <ThresholdSelect
            label="alert"
            value={r.alertThreshold}
            onChange={(t) => setVuln(i, { alertThreshold: t })}
          />
          <ThresholdSelect
            label="fail"
            value={r.failThreshold}
            onChange={(t) => setVuln(i, { failThreshold: t })}
          />
          <label>
            <input
              type="checkbox"
              checked={r.onlyFixed ?? false}
              onChange={(e) => setVuln(i, { onlyFixed: e.target.checked })}
            />{' '}
            only fixed
          </label>
          <label>
            grace days{' '}
            <input
              type="number"
              min={0}
              value={r.graceDays ?? 0}
              onChange={(e) => setVuln(i, { graceDays: Number(e.target.value) })}
            />
          </label>
          <button onClick={() => setDraft({ ...draft, vulnerabilityRules: vuln.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </div>
      ))}
      <button
        onClick={() =>
          setDraft({
            ...draft,
            vulnerabilityRules: [...vuln, { name: 'Vulnerability rule', failThreshold: 'high' }],
          })
        }
      >
        Add vulnerability rule
      </button>
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
