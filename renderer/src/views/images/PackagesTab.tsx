import { useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';

export function PackagesTab(): JSX.Element {
  const pkgs = useStore((s) => s.detailPackages);
  const load = useStore((s) => s.loadPackages);
  const [search, setSearch] = useState('');
  return (
    <div>
      <div className="toolbar">
        <input
          placeholder="Search package"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            void load(1, e.target.value || undefined);
          }}
        />
      </div>
      <table className="grid" data-testid="packages-table">
        <thead>
          <tr>
            <th>Package</th>
            <th>Version</th>
            <th>Type</th>
            <th>Source</th>
            <th>License</th>
            <th>Vulns</th>
            <th>Found in</th>
            <th>Layer</th>
          </tr>
        </thead>
        <tbody>
          {pkgs?.items.map((p) => (
            <tr key={`${p.purl}-${p.foundIn}`}>
              <td title={p.purl}>{p.name}</td>
              <td>{p.version}</td>
              <td>{p.ecosystem}</td>
              <td>{p.sourceName ?? '—'}</td>
              <td>{p.licenses.join(', ') || '—'}</td>
              <td>{p.vulns}</td>
              <td className="mono">{p.foundIn}</td>
              <td title={p.layerCreatedBy}>{p.layerIndex ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pkgs && (
        <Pager
          page={pkgs.page}
          pageSize={pkgs.pageSize}
          total={pkgs.total}
          onPage={(p) => void load(p, search || undefined)}
        />
      )}
    </div>
  );
}
