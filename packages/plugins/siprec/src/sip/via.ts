import { parseParams } from './header-params.js';

/** A Via header value (RFC 3261 §20.42): sent-protocol, sent-by and parameters (branch, received, rport, ...). */
export interface Via {
  /** The transport in upper case: UDP, TCP, TLS, ... */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly params: ReadonlyMap<string, string>;
}

/** Reads one Via value; undefined when it is not `SIP/2.0/<transport> host[:port]`. */
export function parseVia(value: string): Via | undefined {
  const { value: main, params } = parseParams(value);
  const m = /^SIP\s*\/\s*[\d.]+\s*\/\s*([A-Za-z]+)\s+(\[[^\]]+\]|[^\s:]+)(?:\s*:\s*(\d+))?\s*$/i.exec(main.trim());
  if (!m) return undefined;
  return { transport: m[1]!.toUpperCase(), host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] === undefined ? undefined : Number(m[3]), params };
}

/** Where a response to this Via goes over UDP (RFC 3261 §18.2.2, RFC 3581 §4): received and rport when present. */
export function responseTarget(via: Via): { address: string; port: number } {
  const rport = via.params.get('rport');
  const port = rport ? Number(rport) : (via.port ?? 5060);
  return { address: via.params.get('received') || via.host, port };
}

/**
 * The top Via stamped as a UDP server receives it (RFC 3261 §18.2.1,
 * RFC 3581 §4): `received` when the source differs from sent-by, and the
 * source port in an empty `rport`.
 */
export function stampVia(value: string, source: { address: string; port: number }): string {
  const via = parseVia(value);
  if (!via) return value;
  let out = value;
  if (via.params.has('rport') && via.params.get('rport') === '') out = out.replace(/;\s*rport(?=\s*(;|$))/i, `;rport=${source.port}`);
  if (via.host !== source.address && !via.params.has('received')) out = `${out};received=${source.address}`;
  return out;
}
