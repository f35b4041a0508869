import type { JSX } from 'react';
import type { CiRules, ComplianceCatalogDto } from '../../../../electron/contract/index';
import { ScopePicker } from '../../components/ScopePicker';

type Rule = CiRules['complianceRules'][number];
type Check = NonNullable<Rule['customChecks']>[number];
const EFFECTS = ['ignore', 'alert', 'fail'] as const;

/**
 * One compliance rule: scope, template, an effect per check, and the custom checks it runs. Only checks of the
 * kinds the rule's list evaluates are listed (image checks for CI; image and container checks for deployed; host
 * and daemon checks for hosts); custom checks run in images, so host rules have none.
 */
export function ComplianceRuleEditor(props: {
  rule: Rule;
  catalog: ComplianceCatalogDto;
  kinds?: readonly string[];
  customChecks?: boolean;
  scopePlaceholder?: string;
  onChange(rule: Rule): void;
  onRemove(): void;
}): JSX.Element {
  const { rule, catalog, onChange } = props;
  const kinds = props.kinds ?? ['image'];
  const template = catalog.templates.find((t) => t.id === rule.template);
  const checks = catalog.checks.filter(
    (c) => kinds.includes(c.kind) && (!template || template.checks.includes(c.id)),
  );
  const custom = rule.customChecks ?? [];
  const effect = (id: number): string => rule.effects?.[String(id)] ?? rule.defaultEffect ?? 'alert';
  const setEffect = (id: number, e: string): void =>
    onChange({ ...rule, effects: { ...rule.effects, [String(id)]: e as (typeof EFFECTS)[number] } });
  const setCheck = (i: number, c: Check): void =>
    onChange({ ...rule, customChecks: custom.map((x, j) => (j === i ? c : x)) });
  const nextId = Math.max(9100, ...custom.map((c) => c.id + 1));
  return (
    <div className="card" data-testid="compliance-rule">
      <div className="toolbar">
        <input
          aria-label="rule name"
          value={rule.name}
          onChange={(e) => onChange({ ...rule, name: e.target.value })}
        />
        <ScopePicker
          label="scope"
          placeholder={props.scopePlaceholder}
          scope={rule.scope}
          onChange={(scope) => onChange({ ...rule, scope })}
        />
        <select
          aria-label="template"
          value={rule.template ?? ''}
          onChange={(e) => onChange({ ...rule, template: e.target.value || undefined })}
        >
          <option value="">All {kinds.join(' and ')} checks</option>
          {catalog.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <button onClick={props.onRemove}>Remove rule</button>
      </div>
      {template && template.notCheckable.length > 0 && (
        <p className="muted">
          Not checkable on a single host:{' '}
          {template.notCheckable.map((n) => `${n.control} ${n.title}`).join('; ')}
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>ID</th>
            <th>Check</th>
            <th>Severity</th>
            <th>Effect</th>
          </tr>
        </thead>
        <tbody>
          {[
            ...checks,
            ...custom.map((c) => ({ id: c.id, title: c.name, kind: 'custom', severity: c.severity })),
          ].map((c) => (
            <tr key={c.id}>
              <td>{c.id}</td>
              <td>{c.title}</td>
              <td>{c.severity}</td>
              <td>
                <select
                  aria-label={`effect ${c.id}`}
                  value={effect(c.id)}
                  onChange={(e) => setEffect(c.id, e.target.value)}
                >
                  {EFFECTS.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.customChecks !== false && (
        <>
          <h3>Custom checks</h3>
          <p className="muted">
            A shell script run in a throwaway container of the image (no network, read-only, no capabilities);
            a non-zero exit fails the check.
          </p>
          {custom.map((c, i) => (
            <div key={c.id} className="custom-check" data-testid="custom-check">
              <div className="toolbar">
                <span>#{c.id}</span>
                <input
                  aria-label="check name"
                  value={c.name}
                  onChange={(e) => setCheck(i, { ...c, name: e.target.value })}
                />
                <select
                  aria-label="check severity"
                  value={c.severity}
                  onChange={(e) => setCheck(i, { ...c, severity: e.target.value as Check['severity'] })}
                >
                  {['critical', 'high', 'medium', 'low'].map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
                <button onClick={() => onChange({ ...rule, customChecks: custom.filter((_, j) => j !== i) })}>
                  Delete check
                </button>
              </div>
              <input
                aria-label="check description"
                placeholder="description"
                value={c.description}
                onChange={(e) => setCheck(i, { ...c, description: e.target.value })}
              />
              <textarea
                aria-label="check script"
                rows={5}
                value={c.script}
                onChange={(e) => setCheck(i, { ...c, script: e.target.value })}
              />
            </div>
          ))}
          <button
            onClick={() =>
              onChange({
                ...rule,
                customChecks: [
                  ...custom,
                  { id: nextId, name: 'New check', description: '', severity: 'high', script: 'exit 0\n' },
                ],
              })
            }
          >
            Add custom check
          </button>
        </>
      )}
    </div>
  );
}
