import type { JSX } from 'react';
export function Stat(props: { label: string; value: number | string; testId: string }): JSX.Element {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={props.testId}>
        {props.value}
      </div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}
