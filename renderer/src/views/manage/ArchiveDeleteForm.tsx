import type { JSX } from 'react';
import { PeriodForm } from '../../components/PeriodForm';
import { daysToSeconds } from '../../lib/minutes';
import { useStore } from '../../store/index';

/** How long archived models (no container uses their image) are kept: days here, seconds in the API. */
export function ArchiveDeleteForm(): JSX.Element {
  const settings = useStore((s) => s.runtimeSettings);
  const save = useStore((s) => s.saveArchiveDeleteSeconds);
  const stored = settings?.storedArchiveDeleteSeconds ?? settings?.archiveDeleteSeconds;
  return (
    <PeriodForm
      className="card toolbar"
      testId="archive-form"
      label="Delete archived models after (days)"
      ariaLabel="Delete archived models after days"
      stored={stored === undefined ? undefined : String(Math.round((stored / 86_400) * 1000) / 1000)}
      toSeconds={daysToSeconds}
      onSave={(seconds) => void save(seconds)}
    >
      {settings?.archiveDeleteSource === 'MOAT_ARCHIVE_DELETE_SECONDS' && (
        <span className="muted">
          {' '}
          MOAT_ARCHIVE_DELETE_SECONDS={settings.archiveDeleteSeconds} overrides this setting.
        </span>
      )}
    </PeriodForm>
  );
}
