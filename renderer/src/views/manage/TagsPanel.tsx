import { useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { TagChip } from '../../components/TagChip';

/** The tags findings can carry ("Ignored", "In progress", …): add, recolour, delete. */
export function TagsPanel(): JSX.Element {
  const tags = useStore((s) => s.vulnTagDefs);
  const saveTag = useStore((s) => s.saveTag);
  const deleteTag = useStore((s) => s.deleteTag);
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#7c3aed');
  const [description, setDescription] = useState('');
  const [editing, setEditing] = useState<number | undefined>();
  const reset = (): void => {
    setEditing(undefined);
    setName('');
    setDescription('');
  };
  return (
    <div className="card">
      <h2>Tags</h2>
      <table className="grid" data-testid="tags-table">
        <thead>
          <tr>
            <th>Tag</th>
            <th>Description</th>
            <th>On findings</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tags ?? []).map((t) => (
            <tr key={t.id} data-testid="tag-row">
              <td>
                <TagChip name={t.name} colour={t.colour} />
              </td>
              <td>{t.description}</td>
              <td>{t.uses}</td>
              <td className="nowrap">
                <button
                  aria-label={`edit tag ${t.name}`}
                  onClick={() => {
                    setEditing(t.id);
                    setName(t.name);
                    setColour(t.colour);
                    setDescription(t.description);
                  }}
                >
                  Edit
                </button>{' '}
                <button
                  aria-label={`delete tag ${t.name}`}
                  onClick={() => {
                    if (t.uses === 0 || confirm(`Remove "${t.name}" from ${t.uses} findings and delete it?`))
                      void deleteTag(t.id);
                  }}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void saveTag({ id: editing, name, colour, description }).then((ok) => ok && reset());
        }}
      >
        <input
          aria-label="tag name"
          placeholder="new tag"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          type="color"
          aria-label="tag colour"
          value={colour}
          onChange={(e) => setColour(e.target.value)}
        />
        <input
          aria-label="tag description"
          placeholder="what it means"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <button type="submit">{editing === undefined ? 'Add tag' : 'Save tag'}</button>
        {editing !== undefined && (
          <button type="button" onClick={reset}>
            Cancel
          </button>
        )}
      </form>
    </div>
  );
}
