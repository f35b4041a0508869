import { useEffect, useState, type JSX } from 'react';
import type { FixDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';

export function FixGuidanceTab({ scanId }: { scanId: number }): JSX.Element {
  const [fixes, setFixes] = useState<FixDto[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api.invoke('scans:fixes', { id: scanId }).then(setFixes, (e: Error) => setError(e.message));
  }, [scanId]);
  if (error) return <p className="error">{error}</p>;
  if (!fixes) return <p>Loading…</p>;
  if (fixes.length === 0) return <p>No vulnerable packages: nothing to fix.</p>;
  return (
    <div>
      <p className="muted">
        The smallest upgrade per package, the upgrades that clear the most findings first.
      </p>
      <ol className="fixes" data-testid="fixes">
        {fixes.map((f) => (
          <li
            key={`${f.package}-${f.version}-${f.layerIndex}`}
            title={[...f.clears, ...f.unfixed].join(', ')}
          >
            {f.text}
          </li>
        ))}
      </ol>
    </div>
  );
}
