import { CompiledQuery } from 'kysely';
import { fitValue } from '../column-sizes.js';
import type { StorageDialect } from '../dialect.js';
import type { PreparedStatements } from '../prepared-statements.js';

const COLUMN = /^[a-z_][a-z0-9_]*$/;
/** CALLUPDATE may change any subset of the fields: texts kept at most. */
const MOST_TEXTS = 256;

/**
 * The columns and values of one write to the Recording table, in one pass:
 * undefined values left out (as Kysely does), strings checked against their
 * column's size, blackouts as JSON.
 */
export class RecordingColumns {
  readonly names: string[] = [];
  readonly values: unknown[] = [];

  constructor(fields: Readonly<Record<string, unknown>> = {}) {
    for (const column in fields) this.set(column, fields[column]);
  }

  set(column: string, value: unknown): this {
    if (value === undefined) return this;
    if (!COLUMN.test(column)) throw new Error(`not a Recording column: ${column}`);
    this.names.push(column);
    this.values.push(column === 'blackouts' ? JSON.stringify(value) : fitValue('recordings', column, value));
    return this;
  }

  has(column: string): boolean {
    return this.names.includes(column);
  }
}

/**
 * The SQL of the Recording table's hot writes — a row at start, its changes,
 * its completion — made once per set of columns. Kysely builds and compiles
 * a query tree on every call, which costs about as much as SQLite's insert
 * itself; these statements run through the same connection and transaction.
 */
export class RecordingStatements {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly dialect: StorageDialect,
    private readonly prepared?: PreparedStatements,
  ) {}

  /** INSERT of a row, returning its IDENT. */
  insert(row: RecordingColumns): CompiledQuery<{ ident: number }> {
    const { names } = row;
    const text = this.text(`i:${names.join(',')}`, () =>
      `insert into "recordings" (${names.map(quoted).join(', ')}) values (${names.map((_, i) => this.placeholder(i)).join(', ')}) returning "ident"`);
    return CompiledQuery.raw(text, row.values) as CompiledQuery<{ ident: number }>;
  }

  /**
   * UPDATE of the row `ident`.
   * @param completion the recording stops: only while its state is open, and when no duration is given, whole
   *   seconds from its start to this stop time, computed by the database (cast: SQLite would divide exactly)
   */
  update(ident: number, changes: RecordingColumns, completion?: { stopTime: number }): CompiledQuery {
    const { names } = changes;
    const duration = completion !== undefined && !changes.has('duration');
    const text = this.text(`u${completion ? 'c' : ''}${duration ? 'd' : ''}:${names.join(',')}`, () => {
      const set = names.map((column, i) => `${quoted(column)} = ${this.placeholder(i)}`);
      if (duration) set.push(`"duration" = cast((${this.placeholder(names.length)} - "start_time") / 1000 as integer)`);
      const where = `"ident" = ${this.placeholder(names.length + (duration ? 1 : 0))}${completion ? ` and "state" = 'open'` : ''}`;
      return `update "recordings" set ${set.join(', ')} where ${where}`;
    });
    return CompiledQuery.raw(text, duration ? [...changes.values, completion.stopTime, ident] : [...changes.values, ident]);
  }

  private text(key: string, make: () => string): string {
    let text = this.texts.get(key);
    if (text === undefined) {
      if (this.texts.size >= MOST_TEXTS) this.texts.clear();
      this.texts.set(key, (text = make()));
      this.prepared?.mark(text);
    }
    return text;
  }

  private placeholder(index: number): string {
    return this.dialect === 'postgres' ? `$${index + 1}` : '?';
  }
}

const quoted = (column: string) => `"${column}"`;
