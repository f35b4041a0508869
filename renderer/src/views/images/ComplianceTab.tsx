import { useEffect, type JSX } from 'react';
import { useStore } from '../../store/index';
import { ComplianceTable } from '../../components/ComplianceTable';

export function ComplianceTab({ scanId }: { scanId: number }): JSX.Element {
  const rows = useStore((s) => s.detailCompliance);
  const load = useStore((s) => s.loadCompliance);
  useEffect(() => void load(scanId), [load, scanId]);
  if (!rows) return <p>Loading…</p>;
  if (rows.length === 0) return <p>No compliance results are stored for this scan.</p>;
  return <ComplianceTable rows={rows} testId="compliance-table" />;
}
