import { useState, type JSX } from 'react';
import type { CustomVulnDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';

const EMPTY: CustomVulnDto = {
  id: '',
  ecosystem: 'npm',
  package: '',
  range: '',
  severity: 'high',
  description: '',
};
const SEVERITIES: CustomVulnDto['severity'][] = [
  'critical',
  'high',
  'medium',
  'low',
  'negligible',
  'unknown',
];

export function CustomVulnsEditor(): JSX.Element {
  const entries = useStore((s) => s.customVulns) ?? [];
  const save = useStore((s) => s.saveCustomVulns);
  const busy = useStore((s) => s.feedAction?.busy ?? false);
  const [draft, setDraft] = useState<CustomVulnDto>(EMPTY);
  const field = (k: keyof CustomVulnDto) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const add = async (): Promise<void> => {
    const clean = {
      ...draft,
      description: draft.description || undefined,
      fixedIn: draft.fixedIn || undefined,
    };
    if (await save([...entries, clean])) setDraft(EMPTY);
  };
  return (
    <div className="card">
      <h2>Custom vulnerabilities</h2>
      <p className="muted">
        Matched like any feed; saving re-matches every stored image without scanning it again.
      </p>
      <table className="grid" data-testid="custom-vulns">
        <thead>
          <tr>
            <th>ID</th>
            <th>Ecosystem</th>
            <th>Package</th>
            <th>Affected versions</th>
            <th>Fixed in</th>
            <th>Severity</th>
            <th>Description</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={`${e.id}-${e.package}-${i}`}>
              <td>{e.id}</td>
              <td>{e.ecosystem}</td>
              <td>{e.package}</td>
              <td className="mono">{e.range}</td>
              <td>{e.fixedIn ?? '—'}</td>
              <td>{e.severity}</td>
              <td>{e.description}</td>
              <td>
                <button disabled={busy} onClick={() => void save(entries.filter((_, j) => j !== i))}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input aria-label="id" placeholder="CUSTOM-2026-0001" value={draft.id} onChange={field('id')} />
            </td>
            <td>
              <input aria-label="ecosystem" value={draft.ecosystem} onChange={field('ecosystem')} />
            </td>
            <td>
              <input aria-label="package" value={draft.package} onChange={field('package')} />
            </td>
            <td>
              <input
                aria-label="range"
                placeholder=">=1.0.0 <1.2.3"
                value={draft.range}
                onChange={field('range')}
              />
            </td>
            <td>
              <input aria-label="fixed in" value={draft.fixedIn ?? ''} onChange={field('fixedIn')} />
            </td>
            <td>
              <select aria-label="severity" value={draft.severity} onChange={field('severity')}>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </td>
            <td>
              <input
                aria-label="description"
                value={draft.description ?? ''}
                onChange={field('description')}
              />
            </td>
            <td>
              <button
                disabled={busy || !draft.id || !draft.package || !draft.range}
                onClick={() => void add()}
              >
                Add
              </button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
