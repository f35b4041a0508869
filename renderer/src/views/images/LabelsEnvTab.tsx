import type { JSX } from 'react';
import { useStore } from '../../store/index';

export function LabelsEnvTab(): JSX.Element {
  const image = useStore((s) => s.detail?.image);
  if (!image) return <p>No image configuration is stored for this scan.</p>;
  const labels = Object.entries(image.labels);
  return (
    <div>
      <h3>Environment</h3>
      <table className="grid" data-testid="env-table">
        <tbody>
          {image.env.map((e) => (
            <tr key={e.name}>
              <td className="mono">{e.name}</td>
              <td className="mono">
                {e.value}
                {e.masked && <span className="sev sev-high"> secret, masked</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Labels</h3>
      {labels.length === 0 ? (
        <p className="muted">No labels.</p>
      ) : (
        <table className="grid" data-testid="labels-table">
          <tbody>
            {labels.map(([k, v]) => (
              <tr key={k}>
                <td className="mono">{k}</td>
                <td className="mono">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
