import { headerKey } from './header-names.js';
import { splitOutsideQuotes } from './split-list.js';

/** One header line as written: its name (kept as spelled, compact or not) and value. */
export interface SipHeaderField {
  readonly name: string;
  readonly value: string;
}

/**
 * The header section of a SIP message, in order. Names match
 * case-insensitively and compact forms match their full names
 * (`get('call-id')` finds `i:`), as RFC 3261 §7.3 requires.
 */
export class SipHeaders {
  private readonly fields: SipHeaderField[];

  constructor(fields: Iterable<SipHeaderField> = []) {
    this.fields = [...fields];
  }

  /** The first value of the header, or undefined. */
  get(name: string): string | undefined {
    const key = headerKey(name);
    return this.fields.find((f) => headerKey(f.name) === key)?.value;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every line of the header, in order (one entry per line, not split on commas). */
  getAll(name: string): string[] {
    const key = headerKey(name);
    return this.fields.filter((f) => headerKey(f.name) === key).map((f) => f.value);
  }

  /** The values of a list header (Via, Contact, Route, Supported, ...): every line, split on commas. */
  list(name: string): string[] {
    return this.getAll(name).flatMap((value) => splitOutsideQuotes(value, ','));
  }

  /** Adds a line at the end. */
  append(name: string, value: string): this {
    this.fields.push({ name, value });
    return this;
  }

  /** Replaces every line of the header by one (at the place of the first, else at the end). */
  set(name: string, value: string): this {
    const key = headerKey(name);
    const at = this.fields.findIndex((f) => headerKey(f.name) === key);
    this.delete(name);
    this.fields.splice(at === -1 ? this.fields.length : at, 0, { name, value });
    return this;
  }

  delete(name: string): this {
    const key = headerKey(name);
    for (let i = this.fields.length - 1; i >= 0; i--) if (headerKey(this.fields[i]!.name) === key) this.fields.splice(i, 1);
    return this;
  }

  /** The lines, in order. */
  entries(): readonly SipHeaderField[] {
    return this.fields;
  }

  clone(): SipHeaders {
    return new SipHeaders(this.fields);
  }
}
