import { useEffect, useState, type JSX } from 'react';
import { SortHeader } from '../../components/SortHeader';
import type { VulnSortName } from '../../store/slices/images-slice';
import type { SeverityName, VulnRowDto } from '../../../../electron/contract/index';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';
import { FindingActions, type FindingAction } from './FindingActions';
import { FindingCells } from './FindingCells';

const SEVERITIES: SeverityName[] = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'];

export function VulnerabilitiesTab(): JSX.Element {
  const vulns = useStore((s) => s.detailVulns);
  const q = useStore((s) => s.vulnQuery);
  const load = useStore((s) => s.loadVulns);
  const sortProps = {
    sort: q.sort,
    desc: q.desc,
    onSort: (sort: VulnSortName, desc: boolean) => void load({ sort, desc, page: 1 }),
  };
  const tagDefs = useStore((s) => s.vulnTagDefs);
  const loadTags = useStore((s) => s.loadCollections);
  const findingStatus = useStore((s) => s.findingStatus);
  const scan = useStore((s) => s.detail);
  const [active, setActive] = useState<{ finding: VulnRowDto; action: FindingAction } | undefined>();
  useEffect(() => void loadTags(), [loadTags]);
  const detail = useStore((s) => s.detail);
  return (
    <div>
      <div className="toolbar">
        <input
          placeholder="Search CVE or package"
          value={q.search}
          onChange={(e) => void load({ search: e.target.value, page: 1 })}
        />
        <select
          value={q.severity ?? ''}
          onChange={(e) =>
            void load({ severity: (e.target.value || undefined) as SeverityName | undefined, page: 1 })
          }
        >
          <option value="">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        {detail?.baseImage && (
          <label>
            <input
              type="checkbox"
              aria-label="show inherited"
              checked={q.inherited ?? false}
              onChange={(e) => void load({ inherited: e.target.checked, page: 1 })}
            />{' '}
            show {detail.inherited ?? 0} inherited from {detail.baseImage}
          </label>
        )}
        <select
          aria-label="filter by tag"
          value={q.tag ?? ''}
          onChange={(e) => void load({ tag: e.target.value || undefined, page: 1 })}
        >
          <option value="">All tags</option>
          {(tagDefs ?? []).map((t) => (
            <option key={t.id} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      {findingStatus?.message && <p data-testid="finding-message">{findingStatus.message}</p>}
      {findingStatus?.error && (
        <p className="error" data-testid="finding-error" role="alert">
          {findingStatus.error}
        </p>
      )}
      {active && scan && (
        <FindingActions
          key={`${active.action}-${active.finding.id}-${active.finding.packageName}`}
          finding={active.finding}
          action={active.action}
          scanId={scan.id}
          imageRef={scan.ref}
          onDone={() => setActive(undefined)}
        />
      )}
      {vulns && vulns.total === 0 ? (
        <p data-testid="no-vulns">
          No vulnerabilities found{q.search || q.severity || q.tag ? ' for this filter' : ''}.
        </p>
      ) : (
        <table className="grid" data-testid="vulns-table">
          <thead>
            <tr>
              <SortHeader label="ID" sortKey="id" {...sortProps} />
              <SortHeader label="Severity" sortKey="severity" {...sortProps} />
              <SortHeader label="CVSS" sortKey="cvss" {...sortProps} />
              <SortHeader label="Package" sortKey="package" {...sortProps} />
              <th>Version</th>
              <th>Fixed in</th>
              <SortHeader label="Published" sortKey="published" {...sortProps} />
              <th>Layer</th>
              <th>Feed</th>
              <th>Tags</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {vulns?.items.map((v) => (
              <tr key={`${v.id}-${v.packageName}-${v.packageVersion}`}>
                <td title={v.description}>
                  {v.links[0] ? (
                    <a href={v.links[0]} target="_blank" rel="noreferrer noopener">
                      {v.id}
                    </a>
                  ) : (
                    v.id
                  )}
                </td>
                <td title={v.severitySource ? `severity from ${v.severitySource}` : undefined}>
                  <span className={`sev sev-${v.severity}`}>{v.severity}</span>
                </td>
                <td>{v.cvssScore ?? '—'}</td>
                <td>
                  {v.packageName}
                  {v.inheritedFrom && (
                    <span className="inherited" data-testid="inherited">
                      inherited from {v.inheritedFrom}
                    </span>
                  )}
                </td>
                <td>{v.packageVersion}</td>
                <td>{v.fixedIn ?? (v.status === 'wontfix' ? 'will not fix' : 'no fix yet')}</td>
                <td>{v.published?.slice(0, 10) ?? '—'}</td>
                <td className="mono" title={v.layerCreatedBy}>
                  {v.layerIndex !== undefined
                    ? `#${v.layerIndex} ${(v.layerCreatedBy ?? '').slice(0, 60)}`
                    : '—'}
                </td>
                <td>
                  {v.feed}
                  {v.feedImportedAt &&
                    ` (${Math.floor((Date.now() - Date.parse(v.feedImportedAt)) / 86_400_000)} d old)`}
                </td>
                <FindingCells finding={v} onAction={(action) => setActive({ finding: v, action })} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {vulns && vulns.total > 0 && (
        <Pager
          page={vulns.page}
          pageSize={vulns.pageSize}
          total={vulns.total}
          onPage={(p) => void load({ page: p })}
        />
      )}
    </div>
  );
}
