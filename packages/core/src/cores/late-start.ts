import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { RecorderCore, RecordingStarted } from './recorder-core.js';

/**
 * A start the core took after its time limit: the CALLSTART was already
 * answered with an error, so the recording is stopped at once and its
 * channel freed — a failed start never leaves a channel recording.
 */
export function releaseLateStart(
  core: RecorderCore,
  key: string,
  starting: Promise<RecordingStarted>,
  deviceId: string,
  { clock, log }: { readonly clock: Clock; readonly log: Logger },
): void {
  starting.then(
    async (late) => {
      try {
        await core.stopRecording(key, clock.now());
        log.warn({ device: deviceId, core: core.coreIdent, file: late.fileName }, `core ${core.coreIdent} took a recording start after its time limit; it was stopped and its channel freed`);
      } catch (err) {
        log.error({ err, device: deviceId, core: core.coreIdent }, `could not stop a recording core ${core.coreIdent} started too late`);
      }
    },
    () => undefined, // the start failed late: nothing was left running
  );
}
