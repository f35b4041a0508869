import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { DefendVulnTabs } from './DefendVulnTabs';

/** Defend › Vulnerabilities › Base images: findings of a base's layers show as inherited in images built FROM it. */
export function BaseImagesView(): JSX.Element {
  const bases = useStore((s) => s.baseImages);
  const status = useStore((s) => s.baseImagesStatus);
  const images = useStore((s) => s.images);
  const load = useStore((s) => s.loadBaseImages);
  const loadImages = useStore((s) => s.loadImages);
  const add = useStore((s) => s.addBaseImage);
  const remove = useStore((s) => s.removeBaseImage);
  const [ref, setRef] = useState('');
  useEffect(() => {
    void load();
    void loadImages({ page: 1, search: '' });
  }, [load, loadImages]);
  const tags = (images?.items ?? []).flatMap((i) => i.repoTags);
  return (
    <section>
      <h1>Defend › Vulnerabilities › Base images</h1>
      <DefendVulnTabs current="base-images" />
      <p className="muted">
        An image whose layers start with a base image&apos;s layers is derived from it. Vulnerabilities of
        packages that a base layer installed are hidden in the derived image&apos;s counts and lists, and
        shown as inherited on demand. Remove a base image to count them again.
      </p>
      <div className="toolbar">
        <input
          aria-label="base image"
          list="daemon-images"
          placeholder="image in the Docker daemon, e.g. alpine:3.19"
          value={ref}
          onChange={(e) => setRef(e.target.value)}
        />
        <datalist id="daemon-images">
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button className="primary" disabled={!ref.trim()} onClick={() => void add({ ref: ref.trim() })}>
          Add base image
        </button>
        {status?.message && <span data-testid="base-images-status">{status.message}</span>}
        {status?.error && (
          <span className="error" data-testid="base-images-error">
            {status.error}
          </span>
        )}
      </div>
      {bases && bases.length === 0 ? (
        <p data-testid="no-base-images">
          No base images declared. Add one above, or open a scanned image and choose &quot;Declare as base
          image&quot;.
        </p>
      ) : (
        <table className="grid" data-testid="base-images-table">
          <thead>
            <tr>
              <th>Image</th>
              <th>Layers</th>
              <th>Image ID</th>
              <th>Added</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {bases?.map((b) => (
              <tr key={b.id} data-testid="base-image-row">
                <td>{b.ref}</td>
                <td>{b.layers}</td>
                <td className="mono">{b.imageId?.slice(7, 19) ?? '—'}</td>
                <td>{new Date(b.addedAt).toLocaleString()}</td>
                <td>
                  <button onClick={() => void remove(b.id)}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
