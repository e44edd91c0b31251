import type { CallwireEvent, Clock, RecorderCore, ResultBody, ResultType, Timers } from '@callwire/plugin-api';

/** A plugin entry as `plugins:` in a config file holds it. */
export interface TestPluginEntry {
  /** A path (the plugin's built file or folder), a built-in short name, or a package name. */
  readonly use: string;
  readonly id?: string;
  readonly options?: Record<string, unknown>;
  readonly enabled?: boolean;
  readonly restart?: Record<string, unknown>;
}

export interface TestHostOptions {
  readonly plugins?: readonly TestPluginEntry[];
  /** Any other config sections (schedules, recordings, storage …), merged over the test defaults. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Keep what the host logs (at debug level) in `logs` instead of dropping it. */
  readonly captureLogs?: boolean;
  /** The host's clock and timers (a ManualClock), for tests that drive time: plugins' ctx.clock and ctx.timers are these. */
  readonly clock?: Clock & Timers;
}

/** A function's answer, as the XML API would send it. */
export interface TestReply {
  readonly type: ResultType;
  readonly code: number;
  readonly message: string;
  readonly body: ResultBody | undefined;
}

/** A real Callwire host in this process, for testing a plugin in it. */
export interface TestHost {
  /** The XML API's port on 127.0.0.1. */
  readonly apiPort: number;
  /** The web server's (WebAPI, events, monitor) port on 127.0.0.1. */
  readonly webPort: number;
  /** The temp dir holding the database, recordings and plugin data; removed by close(). */
  readonly dir: string;
  readonly recordingsPath: string;
  /** Every event published, in order. */
  readonly events: readonly CallwireEvent[];
  /** What the host logged (with `captureLogs`), as parsed pino lines. */
  readonly logs: readonly Record<string, unknown>[];
  /** Adds a recorder core (an InTestRecorder, or your own) as if a recorder plugin provided it. */
  addCore<Core extends RecorderCore>(core: Core): Core;
  /** The recorder core running as `coreIdent` — the very object its plugin provided — to read what only the core knows (its counters, media targets). */
  core(coreIdent: number): RecorderCore | undefined;
  /** Runs an API function (`CALLSTART`, `DEVICESTATUS` …) with these parameters, as a client would. */
  request(type: string, parameters?: Readonly<Record<string, string | number>>): Promise<TestReply>;
  /** The Recording table's rows (optionally of one device), newest last, with the manual's column names in lower case. */
  recordings(deviceId?: string): Promise<Record<string, unknown>[]>;
  /** The call_details rows (SMDR/CDR records plugins handed in), oldest first, with the table's column names. */
  callDetails(): Promise<Record<string, unknown>[]>;
  /**
   * Where the call on a device stands now: `connected` or `held` (a CTI hold,
   * which no API function reports), undefined when the device has no such
   * call (`callInstance` default: the device's default instance, '').
   */
  callState(deviceId: string, callInstance?: string): 'connected' | 'held' | undefined;
  /** Resolves once `check` holds (polled every 5 ms); rejects naming `what` after `timeoutMs` (default 5000). */
  waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the first event (already published or still to come) of `type`, on `deviceId` if given. */
  event(type: CallwireEvent['type'], deviceId?: string, timeoutMs?: number): Promise<CallwireEvent>;
  /** Ids of the plugins running now; and those that failed, each with why. */
  plugins(): { readonly running: readonly string[]; readonly failed: readonly { readonly id: string; readonly reason: string }[] };
  /** Stops the host (as a clean stop does) and removes `dir`. */
  close(): Promise<void>;
}

/**
 * Starts a real Callwire host in this process — SQLite in a temp dir, the XML
 * API and web server on 127.0.0.1 with ports the system picks — running the
 * given plugins. It needs @callwire/server installed beside the kit (a dev
 * dependency of the plugin's package).
 */
export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const specifier = '@callwire/server/testing';
  let server: { startTestHost(options: TestHostOptions): Promise<TestHost> };
  try {
    server = (await import(specifier)) as typeof server;
  } catch (err) {
    throw new Error(`startTestHost needs @callwire/server: install it as a dev dependency (${(err as Error).message})`);
  }
  return server.startTestHost(options);
}
