import { definePlugin, type TimerHandle } from '@callwire/plugin-api';
import { smdrOptionsSchema } from './options.js';
import { createParser } from './parsers/create-parser.js';
import { RejectsFile } from './rejects-file.js';
import { SmdrReader, type SmdrCounts } from './smdr-reader.js';
import { createSource } from './transport/create-source.js';

export { smdrOptionsSchema, type SmdrOptions } from './options.js';
export { REJECTS_FILE } from './rejects-file.js';

/**
 * `smdr`: reads SMDR/CDR records from a serial port or TCP, in the format
 * `format` names, and hands each call detail record to
 * `calls.recordCallDetail` — SMDR arrives after the call ended, so it
 * enriches the recording of that device whose time overlaps, and is kept in
 * call_details whether or not one did. Lines that cannot be read go to
 * `rejects.log` in the plugin's data directory. Its counters are logged at
 * info every `statsIntervalMinutes` and at stop. See the package README.
 */
export default definePlugin({
  name: 'smdr',
  kind: 'input',
  hostVersion: '^0.1.0',
  options: smdrOptionsSchema,
  create(ctx) {
    const { options, log, clock, dataDir, calls, timers } = ctx;
    const parser = createParser(options, clock, log);
    const reader = new SmdrReader({ parser, calls, rejects: new RejectsFile(dataDir), log, clock, maxLineLength: options.maxLineLength });
    const source = createSource(options, (line, origin) => reader.line(line.text, origin, line.cut), ctx);
    const flushEveryMs = Math.max(100, Math.min(10_000, (options.avaya.pendingTimeoutSeconds * 1000) / 2));
    let flushTimer: TimerHandle | undefined;
    let statsTimer: TimerHandle | undefined;
    const logCounts = (when: string) => log.info({ ...reader.counts }, `SMDR ${when}: ${countsText(reader.counts)}`);
    return {
      start() {
        source.start();
        if (parser.flush) flushTimer = timers.setInterval(() => reader.flush(false), flushEveryMs);
        if (options.statsIntervalMinutes > 0) statsTimer = timers.setInterval(() => logCounts('so far'), options.statsIntervalMinutes * 60_000);
      },
      async stop() {
        timers.clearInterval(flushTimer);
        timers.clearInterval(statsTimer);
        await source.stop();
        reader.flush(true);
        await reader.idle();
        logCounts('at stop');
      },
    };
  },
});

/** The counters as one line an operator reads. */
function countsText(c: SmdrCounts): string {
  return `${c.lines} lines, ${c.stored} records stored (${c.matched} enriched a recording), ${c.rejected} rejected, ${c.ignored} ignored`;
}
