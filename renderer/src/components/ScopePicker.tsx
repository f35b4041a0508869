import { useEffect, type JSX } from 'react';
import { useStore } from '../store/index';

export interface ScopeValue {
  images?: string[];
  collections?: string[];
}

/** A rule's scope: image globs and/or collections picked from Manage › Collections and tags (none: everything). */
/** Host rules name hosts where image rules name images (a host's name stands in as its image). */
export const HOST_SCOPE_PLACEHOLDER = 'host names in scope, e.g. lab-vm* (empty: all)';

export function ScopePicker(props: {
  scope?: ScopeValue;
  /** aria-label of the image globs field. */
  label: string;
  /** What the globs name, e.g. host names for host rules (whose host name stands in as their image). */
  placeholder?: string;
  onChange(scope: ScopeValue): void;
}): JSX.Element {
  const collections = useStore((s) => s.collections);
  const load = useStore((s) => s.loadCollections);
  useEffect(() => {
    if (!collections) void load();
  }, [collections, load]);
  const picked = props.scope?.collections ?? [];
  const set = (patch: ScopeValue): void => {
    const next = { ...props.scope, ...patch };
    props.onChange({
      ...(next.images?.length ? { images: next.images } : {}),
      ...(next.collections?.length ? { collections: next.collections } : {}),
    });
  };
  return (
    <span className="scope-picker">
      <input
        aria-label={props.label}
        placeholder={props.placeholder ?? 'images in scope, e.g. moat-test/* (empty: all)'}
        value={(props.scope?.images ?? []).join(', ')}
        onChange={(e) =>
          set({
            images: e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          })
        }
      />
      {(collections ?? []).map((c) => (
        <label key={c.id} className="chip" style={{ borderColor: c.colour }} title={c.description}>
          <input
            type="checkbox"
            aria-label={`${props.label} collection ${c.name}`}
            checked={picked.some((p) => p.toLowerCase() === c.name.toLowerCase())}
            onChange={(e) =>
              set({
                collections: e.target.checked
                  ? [...picked, c.name]
                  : picked.filter((p) => p.toLowerCase() !== c.name.toLowerCase()),
              })
            }
          />{' '}
          {c.name}
        </label>
      ))}
      {/* A stored rule may name a collection this page has not loaded yet; keep showing it. */}
      {picked
        .filter((p) => !(collections ?? []).some((c) => c.name.toLowerCase() === p.toLowerCase()))
        .map((p) => (
          <span key={p} className="chip">
            {p}
          </span>
        ))}
      {collections?.length === 0 && (
        <a className="muted" href="#/manage/collections">
          no collections yet
        </a>
      )}
    </span>
  );
}
