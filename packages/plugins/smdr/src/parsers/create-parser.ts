import type { Clock, Logger } from '@callwire/plugin-api';
import type { SmdrOptions } from '../options.js';
import { AvayaIpoParser } from './avaya-ipo.js';
import { CsvParser } from './csv.js';
import { FixedParser } from './fixed.js';
import { MitelParser } from './mitel.js';
import { PanasonicParser } from './panasonic.js';
import type { RecordParser } from './record-parser.js';

/** The parser the options' `format` names, configured from its section. */
export function createParser(options: SmdrOptions, clock: Clock, log?: Logger): RecordParser {
  const timeZone = options.timezone;
  switch (options.format) {
    case 'avaya-ipo':
      return new AvayaIpoParser({ timeZone, pendingTimeoutMs: options.avaya.pendingTimeoutSeconds * 1000 }, clock, log);
    case 'mitel':
      return new MitelParser({ timeZone, ...options.mitel }, clock);
    case 'panasonic':
      return new PanasonicParser({ timeZone, ...options.panasonic }, clock);
    case 'csv':
      return new CsvParser(options.csv!, timeZone, clock);
    case 'fixed':
      return new FixedParser(options.fixed!, timeZone, clock);
  }
}
