import type { JSX } from 'react';

/** A column header that sorts its list: a real button (keyboard reachable), aria-sort on the header cell. */
export function SortHeader<S extends string>({
  label,
  sortKey,
  sort,
  desc,
  onSort,
}: {
  label: string;
  sortKey: S;
  sort: S;
  desc: boolean;
  onSort(sort: S, desc: boolean): void;
}): JSX.Element {
  const active = sort === sortKey;
  return (
    <th aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort-header"
        data-testid={`sort-${sortKey}`}
        onClick={() => onSort(sortKey, active ? !desc : false)}
      >
        {label}
        {active ? (desc ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}
