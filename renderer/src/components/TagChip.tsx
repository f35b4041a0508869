import type { JSX } from 'react';

/** A coloured label for a tag or collection, optionally with a remove button. */
export function TagChip(props: {
  name: string;
  colour: string;
  title?: string;
  onRemove?(): void;
}): JSX.Element {
  return (
    <span className="chip" style={{ borderColor: props.colour, color: props.colour }} title={props.title}>
      {props.name}
      {props.onRemove && (
        <button className="chip-remove" aria-label={`remove tag ${props.name}`} onClick={props.onRemove}>
          ×
        </button>
      )}
    </span>
  );
}
