import { useState, type JSX } from 'react';
import { downloadText, exportStamp, toCsv, toJson, type Column } from '../lib/table-export';

/** "Export CSV" / "Export JSON" for a list: every row the current filter holds, not only the page shown. */
export function ExportButtons<T>({
  name,
  columns,
  rows,
}: {
  name: string;
  columns: ReadonlyArray<Column<T>>;
  rows(): Promise<T[]>;
}): JSX.Element {
  const [error, setError] = useState<string>();
  const run = async (format: 'csv' | 'json'): Promise<void> => {
    try {
      const all = await rows();
      const file = `moat-${name}-${exportStamp()}.${format}`;
      if (format === 'csv') downloadText(file, 'text/csv', toCsv(columns, all));
      else downloadText(file, 'application/json', toJson(all));
      setError(undefined);
    } catch (err) {
      setError(`export failed: ${(err as Error).message}`);
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => void run('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => void run('json')}>
        Export JSON
      </button>
      {error && <span className="error">{error}</span>}
    </span>
  );
}
