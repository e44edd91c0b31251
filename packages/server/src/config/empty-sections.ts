import { isPlainObject } from './plain-object.js';

/** Lists whose emptiness must be spelled out (`plugins: []`), so a bare key stays an error. */
const KEEP_NULL = new Set(['plugins', 'schedules']);

/**
 * Treats settings left empty in YAML as absent. `server:` followed only by
 * commented-out lines parses as `server: null`; this removes such null
 * values from the settings sections so their defaults apply. A bare
 * `plugins:` or `schedules:` is kept (and reported), because silently
 * reverting to the default plugins or schedules would surprise.
 * Plugin options and schedules are left as written. Returns a new value.
 */
export function dropEmptySettings(config: unknown): unknown {
  if (!isPlainObject(config)) return config;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === null && !KEEP_NULL.has(key)) continue;
    out[key] = KEEP_NULL.has(key) ? value : withoutNulls(value);
  }
  return out;
}

function withoutNulls(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child !== null) out[key] = withoutNulls(child);
  }
  return out;
}
