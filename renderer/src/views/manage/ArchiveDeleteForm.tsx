import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';

/** How long archived models (no container uses their image) are kept: days here, seconds in the API. */
export function ArchiveDeleteForm(): JSX.Element {
  const settings = useStore((s) => s.runtimeSettings);
  const save = useStore((s) => s.saveArchiveDeleteSeconds);
  const [days, setDays] = useState('');
  const stored = settings?.storedArchiveDeleteSeconds ?? settings?.archiveDeleteSeconds;
  useEffect(() => {
    if (stored !== undefined) setDays(String(Math.round((stored / 86_400) * 1000) / 1000));
  }, [stored]);
  const value = Number(days);
  const valid = days.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 365;
  return (
    <form
      className="card toolbar"
      data-testid="archive-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void save(Math.round(value * 86_400));
      }}
    >
      <label>
        Delete archived models after (days){' '}
        <input
          aria-label="Delete archived models after days"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          inputMode="decimal"
        />
      </label>
      <button type="submit" disabled={!valid}>
        Save
      </button>
      {settings?.archiveDeleteSource === 'MOAT_ARCHIVE_DELETE_SECONDS' && (
        <span className="muted">
          {' '}
          MOAT_ARCHIVE_DELETE_SECONDS={settings.archiveDeleteSeconds} overrides this setting.
        </span>
      )}
    </form>
  );
}
