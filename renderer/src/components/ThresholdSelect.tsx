import type { JSX } from 'react';

export const THRESHOLDS = ['low', 'medium', 'high', 'critical'] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** A severity threshold picker; "off" leaves the threshold unset. */
export function ThresholdSelect(props: {
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
