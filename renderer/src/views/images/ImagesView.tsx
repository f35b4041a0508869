import { useEffect, type JSX } from 'react';
import { SortHeader } from '../../components/SortHeader';
import type { ImageSortName } from '../../store/slices/images-slice';
import { useStore } from '../../store/index';
import { Pager } from '../../components/Pager';
import { SeverityCounts } from '../../components/SeverityCounts';
import { VulnVerdict } from '../../components/VulnVerdict';
import { ExportButtons } from '../../components/ExportButtons';
import { api } from '../../api/client';
import { IMAGE_COLUMNS } from '../../lib/export-columns';
import { fetchAllPages } from '../../lib/table-export';

export function ImagesView(): JSX.Element {
  const images = useStore((s) => s.images);
  const error = useStore((s) => s.imagesError);
  const query = useStore((s) => s.imagesQuery);
  const progress = useStore((s) => s.scanProgress);
  const load = useStore((s) => s.loadImages);
  const sortProps = {
    sort: query.sort,
    desc: query.desc,
    onSort: (sort: ImageSortName, desc: boolean) => void load({ sort, desc, page: 1 }),
  };
  const rescan = useStore((s) => s.rescan);
  const navigate = useStore((s) => s.navigate);
  const feeds = useStore((s) => s.feeds);
  const loadFeeds = useStore((s) => s.loadFeeds);
  useEffect(() => void load(), [load]);
  useEffect(() => void loadFeeds(), [loadFeeds]);

  const running = Object.values(progress);
  return (
    <section>
      <h1>Monitor › Vulnerabilities › Images</h1>
      <div className="toolbar">
        <input
          placeholder="Search image name or ID"
          value={query.search}
          onChange={(e) => void load({ search: e.target.value, page: 1 })}
        />
        <ExportButtons
          name="images"
          columns={IMAGE_COLUMNS}
          rows={() =>
            fetchAllPages((page, pageSize) =>
              api.invoke('images:list', { page, pageSize, search: query.search || undefined }),
            )
          }
        />
        {running.length > 0 && (
          <span className="muted" data-testid="scan-progress">
            Scanning {running.map((p) => `${p.ref} (layer ${p.layer}/${p.of})`).join(', ')}
          </span>
        )}
      </div>
      {feeds && feeds.length === 0 && (
        <p className="notice" data-testid="no-feed-notice">
          No vulnerability feed imported, so no image can show vulnerabilities yet: import one on{' '}
          <a href="#/manage/feeds">Manage › Custom feeds</a> or run <code>moat feeds update</code> (or{' '}
          <code>moat feeds import &lt;files&gt;</code>) on the console host.
        </p>
      )}
      {error && <p className="error">{error}</p>}
      <table className="grid" data-testid="images-table">
        <thead>
          <tr>
            <SortHeader label="Image" sortKey="name" {...sortProps} />
            <th>OS</th>
            <SortHeader label="Vulnerabilities (C H M L)" sortKey="risk" {...sortProps} />
            <th>Verdict</th>
            <th>Compliance failures</th>
            <th>Packages</th>
            <SortHeader label="Containers" sortKey="containers" {...sortProps} />
            <SortHeader label="Scanned" sortKey="scanned" {...sortProps} />
            <th></th>
          </tr>
        </thead>
        <tbody>
          {images?.items.map((img) => (
            <tr key={img.id} data-testid="image-row">
              <td>
                {img.scan?.status === 'done' ? (
                  <a href={`#/monitor/vulnerabilities/images/${img.scan.id}`}>
                    {img.repoTags[0] ?? img.id.slice(7, 19)}
                  </a>
                ) : (
                  (img.repoTags[0] ?? img.id.slice(7, 19))
                )}
              </td>
              <td>{img.scan?.os ?? '—'}</td>
              <td>
                {img.scan?.status === 'done' ? (
                  <>
                    <SeverityCounts counts={img.scan.vulns} />
                    {img.scan.baseImage && (
                      <span
                        className="inherited"
                        data-testid="inherited-count"
                        title={`base ${img.scan.baseImage}`}
                      >
                        +{img.scan.inherited} inherited
                      </span>
                    )}
                  </>
                ) : (
                  (img.scan?.status ?? 'not scanned')
                )}
              </td>
              <td>{img.scan?.status === 'done' ? <VulnVerdict verdict={img.scan.vulnVerdict} /> : '—'}</td>
              <td data-testid="compliance-failed">
                {img.scan?.status === 'done' ? img.scan.complianceFailed : '—'}
              </td>
              <td>{img.scan?.packages ?? '—'}</td>
              <td>{img.containers}</td>
              <td title={img.scan?.error}>
                {img.scan?.status === 'failed'
                  ? 'failed'
                  : img.scan?.finishedAt
                    ? new Date(img.scan.finishedAt).toLocaleString()
                    : '—'}
              </td>
              <td>
                <button onClick={() => void rescan(img.repoTags[0] ?? img.id)}>Scan</button>
                {img.scan?.status === 'done' && (
                  <button onClick={() => navigate(`/monitor/vulnerabilities/images/${img.scan!.id}`)}>
                    Details
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {images && (
        <Pager
          page={images.page}
          pageSize={images.pageSize}
          total={images.total}
          onPage={(p) => void load({ page: p })}
        />
      )}
    </section>
  );
}
