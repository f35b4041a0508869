import { useEffect, useState, type JSX, type ReactNode } from 'react';

/**
 * One period typed in the unit people think in (minutes, days) and saved in seconds: a field, Save, and
 * whatever the caller says about where the value comes from.
 */
export function PeriodForm(props: {
  className: string;
  testId: string;
  label: string;
  ariaLabel: string;
  placeholder?: string;
  /** The stored value as the field shows it; the field is refilled only when this changes (not while typing). */
  stored: string | undefined;
  /** Seconds for the typed text, or undefined when it is not a period the API accepts. */
  toSeconds(text: string): number | undefined;
  onSave(seconds: number): void;
  children?: ReactNode;
}): JSX.Element {
  const { stored, toSeconds, onSave } = props;
  const [text, setText] = useState('');
  useEffect(() => {
    if (stored !== undefined) setText(stored);
  }, [stored]);
  const seconds = toSeconds(text);
  return (
    <form
      className={props.className}
      data-testid={props.testId}
      onSubmit={(e) => {
        e.preventDefault();
        if (seconds !== undefined) onSave(seconds);
      }}
    >
      <label>
        {props.label}{' '}
        <input
          aria-label={props.ariaLabel}
          {...(props.placeholder !== undefined ? { placeholder: props.placeholder } : {})}
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
        />
      </label>
      <button type="submit" disabled={seconds === undefined}>
        Save
      </button>
      {props.children}
    </form>
  );
}
