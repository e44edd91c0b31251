import type { ApiResult } from './api-result.js';
import type { Logger } from './logger.js';

/** One parameter's rule; `declared` is the manual's wording, used in messages. */
export type FieldRule =
  | { readonly kind: 'text'; readonly max: number; readonly declared: string }
  | { readonly kind: 'integer'; readonly min: bigint; readonly max: bigint; readonly declared: string }
  | { readonly kind: 'choice'; readonly values: readonly string[]; readonly declared: string }
  | { readonly kind: 'list'; readonly itemMax: number; readonly declared: string };

/** A function's parameters and their rules, by upper-case parameter name. */
export type FieldTable = Readonly<Record<string, FieldRule>>;

/**
 * A request as a command reads it, whichever door it came through (XML over
 * TCP, WebAPI, WebSocket). Names are upper-case; values trimmed.
 */
export interface CommandRequest {
  /** The function, upper-case. */
  readonly type: string;
  readonly requestId: string | undefined;
  /** The first value of a parameter, or undefined. */
  get(name: string): string | undefined;
  /** The value when sent and not blank, else undefined. */
  nonBlank(name: string): string | undefined;
  /** Every value of a parameter, in the order sent. */
  getAll(name: string): readonly string[];
  has(name: string): boolean;
  /** Parameter names other than TYPE and REQUESTID, in the order first sent. */
  parameterNames(): string[];
}

/** Who sent a request. */
export interface CommandSession {
  readonly id: string;
  readonly transport: 'tcp' | 'http' | 'websocket' | 'internal';
  readonly remoteAddress: string;
}

/**
 * An API function an extension plugin adds. The host checks each request
 * against `fields` (when given) before `handle` runs, answers it in XML or
 * JSON like a built-in function, and maps a CallError `handle` throws to its
 * result code.
 */
export interface PluginCommand {
  /** The function name, upper-case (`MYSTATUS`); it must not be one the manual defines. */
  readonly type: string;
  readonly fields?: FieldTable;
  handle(request: CommandRequest, context: { readonly session: CommandSession; readonly log: Logger }): ApiResult | Promise<ApiResult>;
}
