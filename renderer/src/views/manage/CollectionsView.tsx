import { useEffect, useState, type JSX } from 'react';
import type { CollectionDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { TagChip } from '../../components/TagChip';
import { CollectionForm } from './CollectionForm';
import { TagsPanel } from './TagsPanel';

const patterns = (list: string[]): string => (list.length ? list.join(', ') : 'all');

/** Manage › Collections and tags. */
export function CollectionsView(): JSX.Element {
  const collections = useStore((s) => s.collections);
  const status = useStore((s) => s.collectionsStatus);
  const load = useStore((s) => s.loadCollections);
  const save = useStore((s) => s.saveCollection);
  const remove = useStore((s) => s.deleteCollection);
  const [editing, setEditing] = useState<CollectionDto | undefined>();
  useEffect(() => void load(), [load]);
  return (
    <section>
      <h1>Manage › Collections and tags</h1>
      <p className="muted">
        A collection names a set of images, containers, hosts and labels (globs; within a field any pattern
        may match, and every field you fill must match). Rules in Defend use collections as their scope.
      </p>
      {status?.message && <p data-testid="collections-message">{status.message}</p>}
      {status?.error && (
        <p className="error" data-testid="collections-error" role="alert">
          {status.error}
        </p>
      )}
      {collections?.length === 0 && (
        <p data-testid="no-collections">
          No collections yet — add one below, then pick it as a rule's scope.
        </p>
      )}
      {collections && collections.length > 0 && (
        <table className="grid" data-testid="collections-table">
          <thead>
            <tr>
              <th>Collection</th>
              <th>Images</th>
              <th>Containers</th>
              <th>Hosts</th>
              <th>Labels</th>
              <th>Used by</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {collections.map((c) => (
              <tr key={c.id} data-testid="collection-row">
                <td title={c.description}>
                  <TagChip name={c.name} colour={c.colour} title={c.description} />
                </td>
                <td className="mono">{patterns(c.images)}</td>
                <td className="mono">{patterns(c.containers)}</td>
                <td className="mono">{patterns(c.hosts)}</td>
                <td className="mono">{patterns(c.labels)}</td>
                <td>{c.usedBy.join('; ') || '—'}</td>
                <td>
                  <button aria-label={`edit collection ${c.name}`} onClick={() => setEditing(c)}>
                    Edit
                  </button>{' '}
                  <button aria-label={`delete collection ${c.name}`} onClick={() => void remove(c.id)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CollectionForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSave={async (c) => {
          const ok = await save(c);
          if (ok) setEditing(undefined);
          return ok;
        }}
        onCancel={() => setEditing(undefined)}
      />
      <TagsPanel />
    </section>
  );
}
