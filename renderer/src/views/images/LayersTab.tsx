import type { JSX } from 'react';
import { useStore } from '../../store/index';

export function LayersTab(): JSX.Element {
  const detail = useStore((s) => s.detail);
  return (
    <table className="grid" data-testid="layers-table">
      <thead>
        <tr>
          <th>#</th>
          <th>Instruction</th>
          <th>Size</th>
          <th>Packages added</th>
        </tr>
      </thead>
      <tbody>
        {detail?.layers.map((l) => (
          <tr key={l.diffId + l.index}>
            <td>{l.index}</td>
            <td className="mono" title={l.diffId}>
              {l.createdBy || '(unknown instruction)'}
            </td>
            <td>{(l.size / 1024 / 1024).toFixed(1)} MB</td>
            <td>{l.packagesAdded}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
