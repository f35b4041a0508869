import type { JSX } from 'react';

export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  onPage(p: number): void;
}): JSX.Element {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <div className="pager">
      <button disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        ‹ Prev
      </button>
      <span>
        Page {props.page} of {pages} · {props.total} total
      </span>
      <button disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        Next ›
      </button>
    </div>
  );
}
