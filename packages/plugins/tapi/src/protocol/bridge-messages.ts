import { z } from '@callwire/plugin-api';
import { LINE_CALL_ORIGINS, LINE_CALL_REASONS, readInfoValue } from './call-info-values.js';
import { readLineCallState, readStateMode } from './line-call-state.js';

// The bridge's JSON messages (BRIDGE-PROTOCOL.md is the prose of this file).
// Ids and handles may be numbers or strings; both are kept as strings.
// null counts as "not sent": bridges written in C# and Python send it freely.

const id = z.union([z.string().min(1), z.number()]).transform(String);
const optionalText = z.string().nullish().transform((v) => v || undefined);
const optionalId = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));

const line = z.object({
  line: id,
  name: optionalText,
  address: optionalText,
});

const hello = z.object({
  type: z.literal('HELLO'),
  bridge: optionalText,
  version: optionalText,
  lines: z.array(line).optional(),
  /** Every call the bridge knows at (re)connection; absent = "not telling". */
  calls: z.array(z.object({ line: id, call: id })).optional(),
});

const lineCreate = line.extend({ type: z.literal('LINE_CREATE') });

const callState = z.object({
  type: z.literal('LINE_CALLSTATE'),
  line: id,
  call: id,
  state: z.union([z.string(), z.number()]),
  mode: z.union([z.string(), z.number()]).nullish().transform((v) => v ?? undefined),
  confCall: optionalId,
});

const callInfo = z.object({
  type: z.literal('LINE_CALLINFO'),
  line: id,
  call: id,
  callId: optionalId,
  relatedCallId: optionalId,
  origin: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? undefined : readInfoValue(LINE_CALL_ORIGINS, 'LINECALLORIGIN_', v))),
  reason: z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? undefined : readInfoValue(LINE_CALL_REASONS, 'LINECALLREASON_', v))),
  callerId: optionalText,
  callerName: optionalText,
  calledId: optionalText,
  calledName: optionalText,
  connectedId: optionalText,
  connectedName: optionalText,
  redirectingId: optionalText,
});

const ping = z.object({ type: z.literal('PING'), id: z.unknown().optional() });
const pong = z.object({ type: z.literal('PONG'), id: z.unknown().optional() });

/** HELLO: the bridge's greeting, with its lines and (optionally) the calls it knows. */
export type HelloMessage = z.output<typeof hello>;
/** LINE_CREATE: a line device appeared (or was renamed). */
export type LineCreateMessage = z.output<typeof lineCreate>;
/** LINE_CALLINFO: the call's ids and numbers (lineGetCallInfo). */
export type CallInfoMessage = z.output<typeof callInfo>;
/** LINE_CALLSTATE with the state read into a tapi.h name and its mode detail. */
export type CallStateMessage = Omit<z.output<typeof callState>, 'state' | 'mode'> & {
  readonly state: NonNullable<ReturnType<typeof readLineCallState>>;
  readonly mode: string | undefined;
};

/** Every message a bridge sends that Callwire acts on. */
export type BridgeMessage =
  | HelloMessage
  | LineCreateMessage
  | CallStateMessage
  | CallInfoMessage
  | z.output<typeof ping>
  | z.output<typeof pong>;

/** What one line of bridge input turned out to be. */
export type ReadResult =
  | { readonly kind: 'message'; readonly message: BridgeMessage }
  | { readonly kind: 'unknown'; readonly type: string }
  | { readonly kind: 'invalid'; readonly problem: string };

const SCHEMAS = {
  HELLO: hello,
  LINE_CREATE: lineCreate,
  LINE_CALLSTATE: callState,
  LINE_CALLINFO: callInfo,
  PING: ping,
  PONG: pong,
} as const;

/**
 * Reads one line of bridge input. Unknown message types are reported apart
 * from invalid ones: a newer bridge may send messages this version does not
 * know, and that is not an error.
 */
export function readBridgeMessage(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', problem: `not JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'invalid', problem: 'a message must be a JSON object' };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') return { kind: 'invalid', problem: 'a message needs a "type" string' };
  const schema = SCHEMAS[type as keyof typeof SCHEMAS];
  if (!schema) return { kind: 'unknown', type };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { kind: 'invalid', problem: `${type}: ${describeIssues(parsed.error)}` };
  if (parsed.data.type !== 'LINE_CALLSTATE') return { kind: 'message', message: parsed.data };
  const state = readLineCallState(parsed.data.state);
  if (!state) return { kind: 'invalid', problem: `LINE_CALLSTATE: '${parsed.data.state}' is not a LINECALLSTATE_ value` };
  return { kind: 'message', message: { ...parsed.data, state, mode: readStateMode(state, parsed.data.mode) } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; ');
}
