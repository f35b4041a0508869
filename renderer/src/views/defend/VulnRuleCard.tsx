import type { JSX } from 'react';
import type { VulnRuleList } from '../../../../electron/contract/index';
import { ThresholdSelect } from '../../components/ThresholdSelect';
import { ScopePicker } from '../../components/ScopePicker';

type Rule = VulnRuleList[number];
type Exception = NonNullable<Rule['exceptions']>[number];

/** One vulnerability rule: thresholds, only-fixed, grace period, scope and exceptions, with its place in the order. */
export function VulnRuleCard(props: {
  rule: Rule;
  position: number;
  count: number;
  /** The scope field's hint (host rules name hosts). */
  scopePlaceholder?: string;
  onChange(next: Rule): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}): JSX.Element {
  const { rule: r, position } = props;
  const set = (patch: Partial<Rule>): void => props.onChange({ ...r, ...patch });
  const exceptions = r.exceptions ?? [];
  const setException = (i: number, patch: Partial<Exception>): void =>
    set({ exceptions: exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)) });
  return (
    <div className="card" data-testid="vuln-rule">
      <div className="toolbar">
        <span
          className="rule-order"
          title="Rules are tried top to bottom; the first whose scope matches applies"
        >
          #{position + 1}
        </span>
        <input aria-label="vuln rule name" value={r.name} onChange={(e) => set({ name: e.target.value })} />
        <ScopePicker
          label="vuln scope"
          placeholder={props.scopePlaceholder}
          scope={r.scope}
          onChange={(scope) => set({ scope })}
        />
        <button aria-label="move up" disabled={position === 0} onClick={() => props.onMove(-1)}>
          ↑
        </button>
        <button
          aria-label="move down"
          disabled={position === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          ↓
        </button>
        <button onClick={props.onRemove}>Remove</button>
      </div>
      <div className="toolbar">
        <ThresholdSelect
          label="alert"
          value={r.alertThreshold}
          onChange={(t) => set({ alertThreshold: t })}
        />
        <ThresholdSelect label="fail" value={r.failThreshold} onChange={(t) => set({ failThreshold: t })} />
        <label>
          <input
            type="checkbox"
            aria-label="only fixed"
            checked={r.onlyFixed ?? false}
            onChange={(e) => set({ onlyFixed: e.target.checked })}
          />{' '}
          apply only when a vendor fix is available
        </label>
        <label>
          grace days{' '}
          <input
            type="number"
            aria-label="grace days"
            min={0}
            value={r.graceDays ?? 0}
            onChange={(e) => set({ graceDays: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
      </div>
      {exceptions.map((e, i) => (
        <div className="toolbar" key={i} data-testid="vuln-exception">
          <span className="muted">exception</span>
          <input
            aria-label="exception id"
            placeholder="CVE or advisory id (* with a package: all of it)"
            value={e.id}
            onChange={(ev) => setException(i, { id: ev.target.value })}
          />
          <input
            aria-label="exception package"
            placeholder="package (optional)"
            value={e.package ?? ''}
            onChange={(ev) => setException(i, { package: ev.target.value || undefined })}
          />
          <input
            aria-label="exception expires"
            type="date"
            value={e.expires ?? ''}
            onChange={(ev) => setException(i, { expires: ev.target.value || undefined })}
          />
          <input
            aria-label="exception reason"
            placeholder="reason"
            value={e.reason ?? ''}
            onChange={(ev) => setException(i, { reason: ev.target.value || undefined })}
          />
          <button onClick={() => set({ exceptions: exceptions.filter((_, j) => j !== i) })}>Remove</button>
        </div>
      ))}
      <button onClick={() => set({ exceptions: [...exceptions, { id: '' }] })}>Add exception</button>
    </div>
  );
}
