import { apiResult, type ApiResult } from '@callwire/plugin-api';
import type { CallParameters } from '@callwire/plugin-kit';
import { jsonField, parameterValue } from './json-fields.js';

/** The events of the push schema. */
export const PUSH_EVENTS = ['callstart', 'callstop', 'callupdate', 'hold', 'retrieve'] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];

/** A pushed message: ready to carry out, or already answered (with the id it sent, when it sent one). */
export type PushMessage =
  | { readonly ok: true; readonly id: unknown; readonly event: PushEvent; readonly parameters: CallParameters }
  | { readonly ok: false; readonly id: unknown; readonly result: ApiResult };

const EXPECTED = `expected one of ${PUSH_EVENTS.join(', ')}`;

/**
 * Reads one text frame of the push schema into the parameters the same
 * event would send over XML, by the manual's names (`ani` is ANI): not JSON
 * or not an object → API_INVALID_MESSAGE_FORMAT (16); no or unknown event →
 * API_UNKNOWN_MESSAGE_TYPE (10); a value of the wrong JSON kind →
 * API_PARAMETERS_INVALID (59). The values themselves (too long, out of
 * range) are checked where every door's are, by the call path, which
 * refuses them with the XML API's wording. Keys the schema does not know
 * are ignored, as the XML API ignores unknown tags.
 */
export function readPushMessage(text: string): PushMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return refuse(null, 'API_INVALID_MESSAGE_FORMAT', `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(null, 'API_INVALID_MESSAGE_FORMAT', 'a message must be one JSON object, e.g. {"event":"callstart","device":"201"}');
  }
  const { event: sentEvent, id = null, ...fields } = value as Record<string, unknown>;
  if (sentEvent === undefined || sentEvent === null || sentEvent === '') return refuse(id, 'API_UNKNOWN_MESSAGE_TYPE', `no "event" was sent; ${EXPECTED}`);
  const event = typeof sentEvent === 'string' ? sentEvent.trim().toLowerCase() : '';
  if (!(PUSH_EVENTS as readonly string[]).includes(event)) {
    return refuse(id, 'API_UNKNOWN_MESSAGE_TYPE', `unknown event ${JSON.stringify(sentEvent)}; ${EXPECTED}`);
  }
  const values = new Map<string, string>();
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(fields)) {
    const field = jsonField(key);
    if (!field || raw === null || raw === undefined) continue;
    const read = parameterValue(key, field, raw);
    if ('problem' in read) problems.push(read.problem);
    else if (!values.has(field.parameter)) values.set(field.parameter, read.value.trim());
  }
  if (problems.length > 0) return refuse(id, 'API_PARAMETERS_INVALID', problems.join('; '));
  const parameters: CallParameters = { get: (name) => values.get(name), nonBlank: (name) => values.get(name) || undefined };
  return { ok: true, id, event: event as PushEvent, parameters };
}

function refuse(id: unknown, type: ApiResult['type'], message: string): PushMessage {
  return { ok: false, id, result: apiResult(type, message) };
}
