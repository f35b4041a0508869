import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { CustomVulnsEditor } from './CustomVulnsEditor';
import { MalwareListsEditor } from './MalwareListsEditor';

export function FeedsView(): JSX.Element {
  const feeds = useStore((s) => s.feeds);
  const error = useStore((s) => s.feedsError);
  const status = useStore((s) => s.feedAction);
  const load = useStore((s) => s.loadFeeds);
  const upload = useStore((s) => s.uploadFeed);
  const importPath = useStore((s) => s.importFeedPath);
  const updateFromMirror = useStore((s) => s.updateFeedsFromMirror);
  const lastUpdate = useStore((s) => s.feedsLastUpdate);
  const [hostPath, setHostPath] = useState('');
  const [mirror, setMirror] = useState('');
  useEffect(() => void load(), [load]);
  return (
    <section>
      <h1>Manage › Custom feeds</h1>
      <div className="card">
        <h2>Vulnerability feeds</h2>
        {error && <p className="error">{error}</p>}
        {feeds && feeds.length === 0 && (
          <p data-testid="no-feeds">
            No vulnerability feed imported yet: import published feed files below, update from a mirror, or
            run "moat feeds update" / "moat feeds import" on the console host.
          </p>
        )}
        <table className="grid" data-testid="feeds-table">
          <thead>
            <tr>
              <th>Feed</th>
              <th>Source</th>
              <th>Imported</th>
              <th>Age</th>
              <th>Records</th>
              <th>Invalid</th>
            </tr>
          </thead>
          <tbody>
            {feeds?.map((f) => (
              <tr key={`${f.name}-${f.source}`}>
                <td>{f.name}</td>
                <td className="mono">{f.source}</td>
                <td>{new Date(f.importedAt).toLocaleString()}</td>
                <td>{f.ageDays} days</td>
                <td>{f.recordCount}</td>
                <td>{f.invalidCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="toolbar">
          <label>
            Import a feed file (OSV JSON or zip, Alpine secdb, Debian tracker, NVD, custom JSON):{' '}
            <input
              type="file"
              data-testid="feed-file"
              disabled={status?.busy}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        <div className="toolbar">
          <input
            className="wide"
            placeholder="or a path on the console host, e.g. /media/usb/feeds"
            value={hostPath}
            onChange={(e) => setHostPath(e.target.value)}
          />
          <button disabled={!hostPath || status?.busy} onClick={() => void importPath(hostPath)}>
            Import from path
          </button>
        </div>
        <div className="toolbar">
          <input
            className="wide"
            aria-label="Mirror"
            placeholder="mirror: http://mirror.lab/feeds or /media/usb/feeds (alpine-secdb/, debian-tracker/, osv/)"
            value={mirror}
            onChange={(e) => setMirror(e.target.value)}
          />
          <button disabled={!mirror || status?.busy} onClick={() => void updateFromMirror(mirror)}>
            Update from mirror
          </button>
        </div>
        {lastUpdate && (
          <p className={lastUpdate.ok ? 'muted' : 'error'} data-testid="feeds-last-update">
            Last update from <span className="mono">{lastUpdate.mirror}</span> at{' '}
            {new Date(lastUpdate.at).toLocaleString()}:{' '}
            {lastUpdate.ok
              ? `${lastUpdate.result?.feeds.length ?? 0} feeds imported${
                  lastUpdate.missing.length > 0
                    ? `, ${lastUpdate.missing.length} files not on the mirror`
                    : ''
                }`
              : `failed: ${lastUpdate.error ?? 'unknown error'}`}
          </p>
        )}
        {status?.busy && <p className="muted">Importing…</p>}
        {status?.message && <p data-testid="feed-result">{status.message}</p>}
        {status?.error && (
          <p className="error" data-testid="feed-error">
            {status.error}
          </p>
        )}
      </div>
      <CustomVulnsEditor />
      <MalwareListsEditor />
    </section>
  );
}
