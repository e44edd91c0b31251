import { z } from '@callwire/plugin-api';
import { isTimeZone, reconnectOptions, renamedOption } from '@callwire/plugin-kit';
import { TimePattern } from './time/time-pattern.js';

/** The record formats the plugin reads. */
export const FORMATS = ['avaya-ipo', 'mitel', 'panasonic', 'csv', 'fixed'] as const;
export type SmdrFormat = (typeof FORMATS)[number];

/** The call fields a generic (`csv`, `fixed`) mapping can fill. */
export const MAPPED_FIELDS = ['deviceId', 'start', 'date', 'time', 'duration', 'ani', 'dnis', 'direction', 'callId', 'accountCode'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

const int = (what: string) => z.int({ error: (issue) => (issue.input === undefined ? 'required' : `expected ${what}`) });
const port = () => int('a port 1-65535').min(1, 'expected a port 1-65535').max(65535, 'expected a port 1-65535');
const text = () => z.string().min(1, 'must not be empty');
const seconds = () => z.number({ error: 'expected a number of seconds' }).positive('must be more than 0');

const regex = () =>
  z.string().refine(
    (source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    },
    { error: (issue) => `'${String(issue.input)}' is not a regular expression` },
  );

const timeFormat = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((format, ctx) => {
      try {
        new TimePattern(format);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    });

/** `[from, to]`: 1-based character columns, both included, as PBX manuals print them. */
const columnRange = z
  .tuple([int('a column number').min(1, 'columns count from 1'), int('a column number').min(1, 'columns count from 1')], {
    error: 'expected [from, to] columns, e.g. [1, 4]',
  })
  .refine(([from, to]) => from <= to, { error: 'the first column must not be after the last' });

const direction = z.enum(['I', 'O'], { error: "expected 'I' (inbound) or 'O' (outbound)" });

/** Shared by `csv` and `fixed`: how the mapped texts become call fields. */
const mappedShape = {
  /**
   * How the start (or end, see timeIs) is written, in the TimePattern tokens
   * (`YYYY/MM/DD HH:mm:ss`, `MM/DD hh:mmA` …). With separate `date` and `time`
   * fields the two texts are joined by one space before reading.
   */
  timeFormat: timeFormat('YYYY/MM/DD HH:mm:ss'),
  /** Whether the printed time is when the call started (most PBXs) or ended (Panasonic-style printers). */
  timeIs: z.enum(['start', 'end'], { error: "expected 'start' or 'end'" }).default('start'),
  /**
   * Text of the direction field → I/O, compared without case and surrounding
   * blanks. Texts not listed leave the direction unknown.
   */
  directions: z
    .record(z.string(), direction)
    .default({ I: 'I', O: 'O', IN: 'I', OUT: 'O', INBOUND: 'I', OUTBOUND: 'O', INCOMING: 'I', OUTGOING: 'O' }),
  /** Regular expressions of lines that are not records (headers, rulers); matching lines are ignored, not rejected. */
  skip: z.array(regex()).default([]),
};

const requireMapped = (fields: Partial<Record<MappedField, unknown>>, ctx: z.RefinementCtx, at: string[]) => {
  if (fields.deviceId === undefined) ctx.addIssue({ code: 'custom', path: [...at, 'deviceId'], message: 'required: which field holds the extension' });
  if (fields.start === undefined && (fields.date === undefined || fields.time === undefined)) {
    ctx.addIssue({ code: 'custom', path: [...at, 'start'], message: "required: map 'start' (date and time in one field), or both 'date' and 'time'" });
  }
  if (fields.start !== undefined && (fields.date !== undefined || fields.time !== undefined)) {
    ctx.addIssue({ code: 'custom', path: [...at, 'start'], message: "map either 'start' or 'date' and 'time', not both" });
  }
  if (fields.duration === undefined) ctx.addIssue({ code: 'custom', path: [...at, 'duration'], message: 'required: which field holds the duration' });
};

const fieldNumber = int('a field number (1 = the first field)').min(1, 'fields count from 1');

const csvFields = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((f) => [f, fieldNumber.optional()])) as Record<MappedField, z.ZodOptional<typeof fieldNumber>>,
);
const fixedColumns = z.strictObject(
  Object.fromEntries(MAPPED_FIELDS.map((f) => [f, columnRange.optional()])) as Record<MappedField, z.ZodOptional<typeof columnRange>>,
);

const serialSchema = z.strictObject({
  /** The device: `/dev/ttyUSB0`, `/dev/ttyS0`, `COM3`. A port not there yet is waited for. */
  path: text(),
  baudRate: int('a baud rate, e.g. 9600').positive('must be more than 0').default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)], { error: 'expected 5, 6, 7 or 8' }).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space'], { error: "expected 'none', 'even', 'odd', 'mark' or 'space'" }).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)], { error: 'expected 1, 1.5 or 2' }).default(1),
  /** Hardware flow control (RTS/CTS). */
  rtscts: z.boolean().default(false),
  /** Software flow control (XON/XOFF, both directions). */
  xon: z.boolean().default(false),
});

const loginSchema = z.strictObject({
  /** Sent first, then CRLF. Panasonic KX-TDA/TDE/NCP/NS: `SMDR`. */
  username: text().default('SMDR'),
  /** Sent second, then CRLF. Panasonic's factory default is `PCCSMDR`. */
  password: z.string(),
});

const tcpSchema = z
  .strictObject({
    /** We connect to the PBX: Mitel MiVoice Business on 1752, Panasonic on 2300. */
    connect: z
      .strictObject({
        host: text(),
        port: port(),
        /** Sent right after each connect (Panasonic); absent: nothing is sent, ever. */
        login: loginSchema.optional(),
        /** Give up a connect attempt after this long (then back off and retry). */
        connectTimeoutSeconds: seconds().default(10),
      })
      .optional(),
    /** The PBX connects to us (Avaya IP Office pushes SMDR to a collector). Several connections at once are fine. */
    listen: z
      .strictObject({
        /** Address to bind; default every interface. */
        host: text().default('0.0.0.0'),
        port: int('a port 0-65535').min(0, 'expected a port 0-65535').max(65535, 'expected a port 0-65535'),
        /** Only these peer addresses may send records (exact IPv4/IPv6 addresses); absent: any. */
        allow: z.array(text()).optional(),
      })
      .optional(),
    /** TCP keepalive probe delay, so a PBX that vanished without closing is noticed. */
    keepAliveSeconds: seconds().default(30),
  })
  .superRefine((tcp, ctx) => {
    if ((tcp.connect === undefined) === (tcp.listen === undefined)) {
      ctx.addIssue({ code: 'custom', message: "needs exactly one of 'connect' (we dial the PBX) or 'listen' (the PBX dials us)" });
    }
  });

/** The plugin's options, with every default. */
const smdrOptions = z
  .strictObject({
    /** How the PBX writes its records. */
    format: z.enum(FORMATS, { error: `expected one of ${FORMATS.map((f) => `'${f}'`).join(', ')}` }),
    /** Read from a serial port (RS-232 SMDR/printer port). */
    serial: serialSchema.optional(),
    /** Read over TCP, as a client or as a listener. */
    tcp: tcpSchema.optional(),
    /** IANA zone the PBX's clock shows (`Europe/London`); default the system's. Record times are read in it. */
    timezone: z
      .string()
      .refine(isTimeZone, { error: (issue) => `unknown time zone '${String(issue.input)}'` })
      .optional(),
    /** What ends a record: CRLF, CR, LF, or any of them. */
    lineEnding: z.enum(['any', 'CRLF', 'CR', 'LF'], { error: "expected 'any', 'CRLF', 'CR' or 'LF'" }).default('any'),
    /** Character set of the stream. */
    encoding: z.enum(['latin1', 'utf8'], { error: "expected 'latin1' or 'utf8'" }).default('latin1'),
    /** A longer run without a line ending is cut here and rejected rather than held forever. */
    maxLineLength: int('a length').min(16, 'must be at least 16').default(2048),
    /** How often the counters (lines, records stored and enriched, rejected, ignored) are logged at info, in minutes; 0 = only at stop. */
    statsIntervalMinutes: z.number({ error: 'expected a number of minutes (0 = off)' }).min(0, 'must be 0 (off) or more').default(15),
    /**
     * Waits before reopening the port, reconnecting or binding again:
     * `{ initialMs, maxMs }`, doubling from 1000 ms up to 30000 ms. `retry`
     * is its old name, still read (deprecated: write `reconnect`).
     */
    reconnect: reconnectOptions,
    /** `avaya-ipo` only. */
    avaya: z
      .strictObject({
        /**
         * Segments with Continuation = 1 wait for the call's last segment this
         * long; then what arrived is recorded as it is (and a warning logged).
         */
        pendingTimeoutSeconds: seconds().default(300),
      })
      .prefault({}),
    /** `mitel` only. */
    mitel: z
      .strictObject({
        /**
         * `auto`: a `p` after the start time means PM, else the hour is read 0–23.
         * `12h`: no `p` means AM (12:05 is just after midnight). `24h`: hours 0–23.
         */
        clock: z.enum(['auto', '12h', '24h'], { error: "expected 'auto', '12h' or '24h'" }).default('auto'),
        /**
         * The SMDR Options form's "Extended Digit Length" (101-character records,
         * 4-digit hours, 7-digit parties). `auto` tells it from each record.
         */
        extendedDigitLength: z.union([z.literal('auto'), z.boolean()], { error: "expected 'auto', true or false" }).default('auto'),
        /** Meter pulses are printed: the digits-dialed field is then 21 characters, not 26. */
        meterPulses: z.boolean().default(false),
        /** Columns of the ANI, as your records print them; default 92–101 of the standard layout (shifted for seconds). */
        ani: columnRange.optional(),
        /** Columns of the DNIS; default 103–112 of the standard layout (shifted for seconds). */
        dnis: columnRange.optional(),
      })
      .prefault({}),
    /** `panasonic` only. */
    panasonic: z
      .strictObject({
        /** Order of the printed date (the PBX's regional setting). */
        dateOrder: z.enum(['MDY', 'DMY'], { error: "expected 'MDY' or 'DMY'" }).default('MDY'),
      })
      .prefault({}),
    /** `csv` only: delimited records. */
    csv: z
      .strictObject({
        /** Field numbers (1 = first) of the call fields. deviceId, start (or date and time) and duration are required. */
        fields: csvFields,
        delimiter: z.string().length(1, 'must be one character').default(','),
        /** Quote character of quoted fields (`""` inside is one quote); '' = fields are never quoted. */
        quote: z.string().max(1, 'must be one character or empty').default('"'),
        ...mappedShape,
      })
      .optional(),
    /** `fixed` only: fixed-width records. */
    fixed: z
      .strictObject({
        /** `[from, to]` columns (1-based, inclusive) of the call fields. deviceId, start (or date and time) and duration are required. */
        columns: fixedColumns,
        ...mappedShape,
      })
      .optional(),
  })
  .superRefine((options, ctx) => {
    if ((options.serial === undefined) === (options.tcp === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['serial'], message: "needs exactly one of 'serial' or 'tcp'" });
    }
    if (options.format === 'csv') {
      if (!options.csv) ctx.addIssue({ code: 'custom', path: ['csv'], message: "format 'csv' needs a 'csv' section with its fields" });
      else requireMapped(options.csv.fields, ctx, ['csv', 'fields']);
    }
    if (options.format === 'fixed') {
      if (!options.fixed) ctx.addIssue({ code: 'custom', path: ['fixed'], message: "format 'fixed' needs a 'fixed' section with its columns" });
      else requireMapped(options.fixed.columns, ctx, ['fixed', 'columns']);
    }
  });

/** The plugin's options, with every default; `retry` is read as `reconnect`. */
export const smdrOptionsSchema = renamedOption(smdrOptions, 'retry', 'reconnect');

/** Options as the plugin receives them (defaults applied). */
export type SmdrOptions = z.output<typeof smdrOptionsSchema>;
/** The `csv` section. */
export type CsvOptions = NonNullable<SmdrOptions['csv']>;
/** The `fixed` section. */
export type FixedOptions = NonNullable<SmdrOptions['fixed']>;
/** What `csv` and `fixed` share. */
export type MappedOptions = Pick<CsvOptions, 'timeFormat' | 'timeIs' | 'directions' | 'skip'>;
