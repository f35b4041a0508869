import { useEffect, useState, type JSX } from 'react';
import { useStore } from '../../store/index';
import { SeverityCounts } from '../../components/SeverityCounts';
import { VulnerabilitiesTab } from './VulnerabilitiesTab';
import { PackagesTab } from './PackagesTab';
import { LayersTab } from './LayersTab';
import { ComplianceTab } from './ComplianceTab';
import { FixGuidanceTab } from './FixGuidanceTab';
import { LabelsEnvTab } from './LabelsEnvTab';
import { BaseImageNote } from './BaseImageNote';
import { VulnVerdict } from '../../components/VulnVerdict';

const TABS = [
  'Vulnerabilities',
  'Fix guidance',
  'Compliance',
  'Package info',
  'Layers',
  'Process info',
  'Labels and environment',
] as const;

/** Tab names in routes: #/monitor/vulnerabilities/images/12/compliance opens the Compliance tab. */
export function tabFromRoute(segment: string | undefined): (typeof TABS)[number] {
  return TABS.find((t) => t.toLowerCase().replace(/ /g, '-') === segment) ?? 'Vulnerabilities';
}

export function ImageDetailView({
  scanId,
  back = 'images',
  initialTab = 'Vulnerabilities',
}: {
  scanId: number;
  back?: 'images' | 'ci' | 'hosts';
  initialTab?: (typeof TABS)[number];
}): JSX.Element {
  const detail = useStore((s) => s.detail);
  const loadDetail = useStore((s) => s.loadDetail);
  const [tab, setTab] = useState<(typeof TABS)[number]>(initialTab);
  useEffect(() => void loadDetail(scanId), [loadDetail, scanId]);
  if (!detail || detail.id !== scanId) return <p>Loading scan {scanId}…</p>;
  return (
    <section>
      <p>
        <a href={`#/monitor/vulnerabilities/${back}`}>
          {back === 'ci' ? '‹ CI results' : back === 'hosts' ? '‹ Hosts' : '‹ Images'}
        </a>
      </p>
      <h1 data-testid="detail-ref">{detail.ref}</h1>
      {detail.kind === 'ci' && (
        <p data-testid="ci-verdict">
          Verdict{' '}
          <span className={`verdict verdict-${detail.verdict ?? 'unknown'}`}>
            {(detail.verdict ?? '—').toUpperCase()}
          </span>{' '}
          · run by {detail.sourceUser ?? '—'} on {detail.sourceHost ?? '—'}
        </p>
      )}
      <p className="muted">
        {detail.os ?? 'unknown OS'} · {detail.packages} packages · scanned{' '}
        {detail.finishedAt ? new Date(detail.finishedAt).toLocaleString() : '—'} ·{' '}
        <SeverityCounts counts={detail.vulns} />
        {detail.kind !== 'ci' && (
          <>
            {' '}
            · <VulnVerdict verdict={detail.vulnVerdict} />
          </>
        )}
      </p>
      <BaseImageNote detail={detail} />
      {detail.feeds.length > 0 && (
        <p className="muted">
          Feeds:{' '}
          {detail.feeds
            .map((f) => `${f.name} (imported ${new Date(f.importedAt).toLocaleDateString()})`)
            .join(', ')}
        </p>
      )}
      {detail.warnings.length > 0 && (
        <ul className="warning" data-testid="scan-warnings">
          {detail.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="tabs">
        {TABS.map((t) => (
          <button key={t} className={t === tab ? 'active' : ''} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      {tab === 'Vulnerabilities' && <VulnerabilitiesTab />}
      {tab === 'Fix guidance' && <FixGuidanceTab scanId={scanId} />}
      {tab === 'Compliance' && <ComplianceTab scanId={scanId} />}
      {tab === 'Package info' && <PackagesTab />}
      {tab === 'Layers' && <LayersTab scanId={scanId} />}
      {tab === 'Labels and environment' && <LabelsEnvTab />}
      {tab === 'Process info' && (
        <dl className="facts">
          <dt>User</dt>
          <dd>{detail.image?.user || 'root (no USER)'}</dd>
          <dt>Entrypoint</dt>
          <dd>{detail.image?.entrypoint.join(' ') || '—'}</dd>
          <dt>Cmd</dt>
          <dd>{detail.image?.cmd.join(' ') || '—'}</dd>
          <dt>Exposed ports</dt>
          <dd>{detail.image?.exposedPorts.join(', ') || '—'}</dd>
        </dl>
      )}
    </section>
  );
}
