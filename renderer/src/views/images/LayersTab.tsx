import { useEffect, useState, type JSX } from 'react';
import type { FixDto } from '../../../../electron/contract/index';
import { api } from '../../api/client';
import { useStore } from '../../store/index';

/** Each layer's instruction with the packages it added and the vulnerable packages it introduced. */
export function LayersTab({ scanId }: { scanId: number }): JSX.Element {
  const detail = useStore((s) => s.detail);
  const [fixes, setFixes] = useState<FixDto[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    // The fix guidance already knows, per vulnerable package, the layer that installed it.
    api.invoke('scans:fixes', { id: scanId }).then(setFixes, (e: Error) => setError(e.message));
  }, [scanId]);
  const byLayer = new Map<number, FixDto[]>();
  for (const f of fixes ?? [])
    if (f.layerIndex !== undefined) byLayer.set(f.layerIndex, [...(byLayer.get(f.layerIndex) ?? []), f]);
  return (
    <>
      {error && <p className="error">{error}</p>}
      <table className="grid" data-testid="layers-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Instruction</th>
            <th>Size</th>
            <th>Packages added</th>
            <th>Vulnerable packages introduced</th>
          </tr>
        </thead>
        <tbody>
          {detail?.layers.map((l) => {
            const vulnerable = byLayer.get(l.index) ?? [];
            return (
              <tr key={l.diffId + l.index} data-testid={`layer-${l.index}`}>
                <td>{l.index}</td>
                <td className="mono" title={l.diffId} style={{ minWidth: '18rem' }}>
                  {l.createdBy || '(no instruction recorded, e.g. an imported filesystem)'}
                </td>
                <td>{(l.size / 1024 / 1024).toFixed(1)} MB</td>
                <td>{l.packagesAdded}</td>
                <td data-testid="layer-vulnerable">
                  {!fixes
                    ? '…'
                    : vulnerable.length === 0
                      ? 'none'
                      : vulnerable
                          .map((f) => `${f.package} ${f.version} (${f.clears.length + f.unfixed.length})`)
                          .join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
