import { z } from '@callwire/plugin-api';

const milliseconds = () =>
  z.int({ error: (issue) => (issue.input === undefined ? 'required' : 'expected a whole number of milliseconds') }).min(1, 'must be at least 1 ms');

/** The first wait after a lost or refused connection, by default. */
export const DEFAULT_RECONNECT_INITIAL_MS = 1000;
/** The longest wait between attempts, by default. */
export const DEFAULT_RECONNECT_MAX_MS = 30_000;

/**
 * The one `reconnect` option of every plugin that keeps a link up:
 * `{ initialMs, maxMs }` — the first wait after a lost or refused
 * connection (default 1000), doubling on each failed attempt up to the
 * longest (default 30000); each wait is up to a fifth shorter at random.
 * Absent, both defaults apply.
 */
export const reconnectOptions = z
  .strictObject({
    /** The first wait after a lost or refused connection, in ms. */
    initialMs: milliseconds().default(DEFAULT_RECONNECT_INITIAL_MS),
    /** The longest wait; waits double up to it. */
    maxMs: milliseconds().default(DEFAULT_RECONNECT_MAX_MS),
  })
  .superRefine((r, ctx) => {
    // Only two valid waits are compared (zod runs this after a bad one too).
    if (r.maxMs >= 1 && r.initialMs > r.maxMs) ctx.addIssue({ code: 'custom', path: ['initialMs'], message: `must not be more than maxMs (${r.maxMs})` });
  })
  .prefault({});

/** A plugin's `reconnect` option after validation. */
export type ReconnectOptions = z.output<typeof reconnectOptions>;

/**
 * Accepts an option under its old name too: `{ retry: … }` is read as
 * `{ reconnect: … }` (keep the old name in the plugin's option docs,
 * marked deprecated). Sending both is an error naming them.
 */
export function renamedOption<Schema extends z.ZodType>(schema: Schema, old: string, current: string) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !(old in value)) return value;
    const { [old]: given, ...rest } = value as Record<string, unknown>;
    if (current in rest) {
      ctx.addIssue({ code: 'custom', path: [old], message: `'${old}' is the old name of '${current}': give only '${current}'` });
      return value;
    }
    return { ...rest, [current]: given };
  }, schema);
}
