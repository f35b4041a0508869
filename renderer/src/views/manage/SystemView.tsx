import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { backupUrl } from '../../api/client';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return [d && `${d} d`, (d || h) && `${h} h`, `${m} min`].filter(Boolean).join(' ');
}

/** Manage › System: version, data directory, databases, uptime, settings, and a backup of console.db. */
export function SystemView(): JSX.Element {
  const info = useStore((s) => s.systemInfo);
  const error = useStore((s) => s.systemError);
  const load = useStore((s) => s.loadSystemInfo);
  const setKeep = useStore((s) => s.setKeepCiResults);
  const saveBackup = useStore((s) => s.saveBackup);
  const saved = useStore((s) => s.savedBackup);
  useEffect(() => void load(), [load]);
  if (!info) return error ? <p className="error">{error}</p> : <p>Loading…</p>;
  const keep = info.settings.find((s) => s.key === 'ci.keepResults');
  return (
    <section>
      <h1>Manage › System</h1>
      {error && <p className="error">{error}</p>}
      <dl className="facts" data-testid="system-facts">
        <dt>Moat version</dt>
        <dd data-testid="system-version">{info.moat}</dd>
        <dt>Runtime</dt>
        <dd>
          Node {info.node}
          {info.electron ? ` · Electron ${info.electron}` : ' · web mode'}
        </dd>
        <dt>Data directory</dt>
        <dd className="mono">{info.dataDir}</dd>
        <dt>Up since</dt>
        <dd data-testid="system-uptime">
          {new Date(info.startedAt).toLocaleString()} ({duration(info.uptimeSeconds)})
        </dd>
        <dt>console.db</dt>
        <dd data-testid="system-console-db">
          {bytes(info.consoleDb.bytes)} · schema version {info.schemaVersion}
        </dd>
        <dt>intel.db</dt>
        <dd data-testid="system-intel-db">
          {info.intelDb.feeds === 0
            ? 'No vulnerability feed imported — import one in Manage › Custom feeds or run moat feeds update'
            : `${info.intelDb.feeds} feeds · ${info.intelDb.records} records · ${bytes(info.intelDb.bytes)} · newest import ${
                info.intelDb.newestImport ? new Date(info.intelDb.newestImport).toLocaleString() : '—'
              } · oldest feed ${info.intelDb.oldestAgeDays ?? 0} days old`}
          {info.intelDb.error && <span className="error"> · {info.intelDb.error}</span>}
        </dd>
      </dl>
      <h2>Settings</h2>
      <table className="grid" data-testid="system-settings">
        <tbody>
          {info.settings.map((s) => (
            <tr key={s.key}>
              <td>{s.label}</td>
              <td className="mono">{s.key}</td>
              <td data-testid={`setting-${s.key}`}>
                {s.key === 'ci.keepResults' ? (
                  <label>
                    <input
                      type="checkbox"
                      aria-label="keep CI results"
                      checked={keep?.value === true}
                      onChange={(e) => void setKeep(e.target.checked)}
                    />{' '}
                    {String(s.value)}
                  </label>
                ) : (
                  String(s.value)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Backup</h2>
      <p className="muted">
        A consistent copy of console.db (rules, scans, models, settings), taken with SQLite&apos;s online
        backup while the console keeps running. Restore it by stopping Moat and putting it in place of
        console.db.
      </p>
      <div className="toolbar">
        {backupUrl && (
          <a className="button" href={backupUrl} download data-testid="download-backup">
            Download backup
          </a>
        )}
        <button onClick={() => void saveBackup()}>Save a backup in the data directory</button>
        {saved && (
          <span data-testid="saved-backup">
            Saved {bytes(saved.bytes)} to <span className="mono">{saved.path}</span>
          </span>
        )}
      </div>
    </section>
  );
}
