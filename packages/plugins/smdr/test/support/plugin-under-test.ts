import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InTestRecorder, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

/** The plugin's built entry file, as a config `use:` names it. */
export const PLUGIN_ENTRY = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/** A call_details row, with the table's column names. */
export type CallDetailRow = Readonly<Record<string, unknown>> & { readonly device_id: string; readonly raw: string };
/** A Recording row, with the table's column names. */
export type RecordingRow = Readonly<Record<string, unknown>> & { readonly ident: number; readonly start_time: number };

/**
 * A real Callwire host (the kit's test host: XML API, engine, SQLite in a
 * temp dir) running the smdr plugin from its built entry file with these
 * options, and an in-test recorder core so API calls get recordings; what
 * it logs is kept (see {@link logged}).
 */
export async function startSmdr(options: Record<string, unknown>): Promise<TestHost> {
  const host = await startTestHost({ plugins: [{ use: PLUGIN_ENTRY, options }], captureLogs: true });
  host.addCore(new InTestRecorder(1));
  return host;
}

/** The plugin's rejects file entries as [source, reason, line]. */
export function rejects(host: TestHost): [string, string, string][] {
  const path = join(host.dir, 'plugins', 'smdr', 'rejects.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [, source, reason, ...line] = l.split('\t');
      return [source!, reason!, line.join('\t')];
    });
}

/** Makes a call through the API (CALLSTART, then CALLSTOP) and returns its stored recording. */
export async function recordCall(host: TestHost, deviceId: string): Promise<RecordingRow> {
  for (const type of ['CALLSTART', 'CALLSTOP']) {
    const reply = await host.request(type, { DEVICEID: deviceId });
    if (reply.type !== 'API_OK') throw new Error(`${type} ${deviceId}: ${reply.type} ${reply.message}`);
  }
  const recording = (await host.recordings(deviceId)).at(-1);
  if (!recording) throw new Error(`no recording for ${deviceId}`);
  return recording as RecordingRow;
}

/** call_details rows, oldest first. */
export async function callDetails(host: TestHost): Promise<CallDetailRow[]> {
  return (await host.callDetails()) as CallDetailRow[];
}

/** Waits until call_details holds `count` rows and returns them, oldest first. */
export async function callDetailsAfter(host: TestHost, count: number): Promise<CallDetailRow[]> {
  let rows: CallDetailRow[] = [];
  await host.waitFor(async () => (rows = await callDetails(host)).length >= count, `${count} call_details rows (have ${rows.length})`, 8000);
  return rows;
}

/**
 * Waits until the stored recording `ident` passes `check`, and returns it.
 * A call detail's row is stored before the recording it matches is updated
 * (then RECORDINGUPDATE is published), so a test that saw the row waits for
 * the update too rather than reading the recording at once.
 */
export async function recordingOnceIt(host: TestHost, ident: number, check: (recording: RecordingRow) => boolean, what: string): Promise<RecordingRow> {
  let found: RecordingRow | undefined;
  await host.waitFor(async () => {
    found = (await host.recordings()).find((r) => r['ident'] === ident) as RecordingRow | undefined;
    return found !== undefined && check(found);
  }, `recording ${ident}: ${what}`, 8000);
  return found!;
}

/** Waits until the rejects file holds `count` entries, and returns them. */
export async function rejectsAfter(host: TestHost, count: number): Promise<[string, string, string][]> {
  await host.waitFor(() => rejects(host).length >= count, `${count} rejects (have ${rejects(host).length})`, 8000);
  return rejects(host);
}

/** Event types published for a device, in order. */
export function eventsOf(host: TestHost, deviceId: string): string[] {
  return host.events.filter((e) => e.deviceId === deviceId).map((e) => e.type);
}

/** True while the host still answers TEST. */
export async function answers(host: TestHost): Promise<boolean> {
  return (await host.request('TEST')).type === 'API_OK';
}

/** Waits until the host has logged a line matching `pattern` (a link's state change, say). */
export async function logged(host: TestHost, pattern: RegExp): Promise<void> {
  await host.waitFor(() => host.logs.some((line) => pattern.test(String(line['msg']))), `a log line matching ${pattern}`, 8000);
}
