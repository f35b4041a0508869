// Plain boxed text tables for terminal output.
export function textTable(header: string[], rows: string[][], maxWidth = 60): string {
  const clip = (s: string): string => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + '…' : s);
  const cells = [header, ...rows].map((r) => r.map((c) => clip(c.replace(/\s+/g, ' '))));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const fmt = (r: string[]): string => '| ' + r.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ') + ' |';
  return [line, fmt(cells[0]), line, ...cells.slice(1).map(fmt), line].join('\n');
}
