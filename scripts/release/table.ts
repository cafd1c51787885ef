/** The release's table: one row per package, in publish order, sizes in kB. */
export interface Row {
  name: string;
  version: string;
  /** Packed (gzip) bytes. */
  size: number;
  unpackedSize: number;
  files: number;
  action: string;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

export function renderTable(rows: Row[]): string {
  const head = ['package', 'version', 'packed', 'unpacked', 'files', ''];
  const body = rows.map((r) => [r.name, r.version, kb(r.size), kb(r.unpackedSize), String(r.files), r.action]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
