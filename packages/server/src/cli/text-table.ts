/** One column of a text table: its heading and how a row shows in it. */
export interface Column<Row> {
  readonly heading: string;
  readonly value: (row: Row) => string;
  /** A column that may be long (free text): it comes last and is not padded. */
  readonly last?: boolean;
}

/**
 * Rows as a plain-text table: a heading line, then one line per row, the
 * columns padded to line up and separated by two spaces; line breaks in a
 * value show as ⏎ so every row stays one line.
 */
export function textTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row).replace(/\r?\n/g, '⏎')));
  const widths = columns.map((column, i) => Math.max(column.heading.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]) =>
    values.map((value, i) => (columns[i]!.last || i === values.length - 1 ? value : value.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((column) => column.heading)), ...cells.map(line)].map((l) => `${l}\n`).join('');
}
