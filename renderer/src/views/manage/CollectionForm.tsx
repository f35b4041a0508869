import { useState, type JSX } from 'react';
import type { CollectionDto, CollectionInputDto } from '../../../../electron/contract/index';

type Draft = CollectionInputDto & { id?: number };

const EMPTY: Draft = {
  name: '',
  description: '',
  colour: '#2563eb',
  images: [],
  containers: [],
  hosts: [],
  labels: [],
};

const FIELDS = [
  ['images', 'Images', 'moat-test/*, nodeapp:v1'],
  ['containers', 'Containers', 'web-*'],
  ['hosts', 'Hosts', 'lab-*'],
  ['labels', 'Labels', 'env=prod*, team=payments'],
] as const;

const split = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Create or edit one collection; patterns are comma-separated globs, empty meaning "all". */
export function CollectionForm(props: {
  editing?: CollectionDto;
  onSave(c: Draft): Promise<boolean>;
  onCancel(): void;
}): JSX.Element {
  const [draft, setDraft] = useState<Draft>(() => (props.editing ? { ...props.editing } : EMPTY));
  // Pattern fields keep the text as typed (a trailing comma is fine) and are split on save.
  const [text, setText] = useState<Record<(typeof FIELDS)[number][0], string>>(() => ({
    images: draft.images.join(', '),
    containers: draft.containers.join(', '),
    hosts: draft.hosts.join(', '),
    labels: draft.labels.join(', '),
  }));
  const save = async (): Promise<void> => {
    const ok = await props.onSave({
      ...(props.editing ? { id: props.editing.id } : {}),
      name: draft.name,
      description: draft.description,
      colour: draft.colour,
      images: split(text.images),
      containers: split(text.containers),
      hosts: split(text.hosts),
      labels: split(text.labels),
    });
    if (ok && !props.editing) {
      setDraft(EMPTY);
      setText({ images: '', containers: '', hosts: '', labels: '' });
    }
  };
  return (
    <form
      className="card form-grid"
      data-testid="collection-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{props.editing ? `Edit collection ${props.editing.name}` : 'New collection'}</h2>
      <label>
        Name{' '}
        <input
          aria-label="collection name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </label>
      <label>
        Description{' '}
        <input
          aria-label="collection description"
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </label>
      <label>
        Colour{' '}
        <input
          type="color"
          aria-label="collection colour"
          value={draft.colour}
          onChange={(e) => setDraft({ ...draft, colour: e.target.value })}
        />
      </label>
      {FIELDS.map(([key, title, example]) => (
        <label key={key}>
          {title}{' '}
          <input
            aria-label={`collection ${key}`}
            placeholder={`${example} (empty: all)`}
            value={text[key]}
            onChange={(e) => setText({ ...text, [key]: e.target.value })}
          />
        </label>
      ))}
      <div className="toolbar">
        <button className="primary" type="submit">
          {props.editing ? 'Save collection' : 'Add collection'}
        </button>
        {props.editing && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
