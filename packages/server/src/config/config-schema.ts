import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { isAddressOrCidr } from './network-address.js';
import { isPlainObject } from './plain-object.js';
import { isTimeZone } from '@callwire/plugin-kit';
import { DEFAULT_TERMINOLOGY } from '@callwire/core';
import { closestMatch } from './suggest.js';

/** Where SQLite lives when neither the file nor CALLWIRE_DATA_DIR says otherwise. */
export const DEFAULT_SQLITE_PATH = './data/callwire.db';
/** Where recordings go when neither the file nor CALLWIRE_DATA_DIR says otherwise. */
export const DEFAULT_RECORDINGS_PATH = './data/recordings';
/** The SQLite file name inside CALLWIRE_DATA_DIR. */
export const DATA_DIR_SQLITE_FILE = 'callwire.db';
/** The recordings directory name inside CALLWIRE_DATA_DIR. */
export const DATA_DIR_RECORDINGS_DIR = 'recordings';

/**
 * The recorder core that runs when the config has no `plugins` key: core 1,
 * whose calls the rtp-recorder records and whose screens screen-metadata
 * does (a screen-only core may share its audio core's COREIDENT). One
 * inContact WFO core records both, and the manual's CALLSTART and CHATSTART
 * examples both answer "sent to all of the following cores: 1".
 */
export const defaultPlugins = () => [
  { use: 'rtp-recorder', options: { coreIdent: 1 } },
  { use: 'screen-metadata', options: { coreIdent: 1 } },
];
/** The schedule used when the config has no `schedules` key: record every call. */
export const defaultSchedules = () => [{ name: 'everything', record: true }];

/** Log levels, as pino names them. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = () =>
  z.int({
    error: (issue) =>
      issue.code === 'invalid_type'
        ? issue.input === undefined
          ? 'required'
          : `expected integer, got ${describeValue(issue.input)}`
        : undefined,
  });

const port = (min = 0) => {
  const range = { error: (issue: { input?: unknown }) => `expected a port ${min}-65535, got ${describeValue(issue.input)}` };
  return integer().min(min, range).max(65535, range);
};

const text = () => z.string().min(1);

/** An origin as a browser sends it: http(s)://host[:port], nothing after. */
function isWebOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !text.endsWith('#');
  } catch {
    return false;
  }
}

/**
 * The storage driver a `storage` section means when it names none: postgres
 * when it has a `url`, otherwise sqlite.
 */
export function inferStorageDriver(storage: Record<string, unknown>): unknown {
  return storage.driver ?? ('url' in storage ? 'postgres' : 'sqlite');
}

const apiSchema = z.strictObject({
  /** XML API and event proxy (TCP). 0 picks a free port. */
  port: port().default(5620),
  /**
   * With `auth.required`: the client addresses or CIDR ranges whose TCP
   * clients may call the functions that change users, roles and permissions
   * (others are answered 44); absent = this machine only (127.0.0.1, ::1).
   */
  adminAllow: z
    .array(z.string().refine(isAddressOrCidr, { error: (issue) => `'${String(issue.input)}' is not an IP address or CIDR range` }))
    .optional(),
  /** Largest single request document accepted, in bytes. */
  maxMessageBytes: integer().min(1).default(65536),
  /** Close a client silent for this long; 0 = never. */
  idleTimeoutSeconds: integer().min(0).default(600),
  maxClients: integer().min(1).default(1000),
  /** An event subscriber with more than this many bytes not yet read is dropped (it never slows the others). */
  maxEventBacklogBytes: integer().min(1024).default(1048576),
  /**
   * A client with more than this many bytes of replies it has not read yet
   * (pipelining without reading) gets no further answers, and is not read,
   * until it reads them down: a client that does not read costs at most
   * this. Absent = 4194304 (4 MiB; the API server's default).
   */
  maxReplyBacklogBytes: integer().min(65536).optional(),
  /**
   * A client held over maxReplyBacklogBytes that reads none of it for this
   * long is dropped; 0 = never. Absent = 60 (the API server's default).
   */
  replyStallSeconds: integer().min(0).optional(),
});

const serverSchema = z.strictObject({
  host: text().default('127.0.0.1'),
  api: apiSchema.prefault({}),
  web: z
    .strictObject({
      port: port().default(2012),
      /**
       * Browser origins (`https://crm.example.com:8443`) whose pages may open
       * `/events`, besides the web port's own; absent = none.
       */
      origins: z
        .array(z.string().refine(isWebOrigin, { error: (issue) => `'${String(issue.input)}' is not an origin like https://host or http://host:port` }))
        .optional(),
    })
    .prefault({}),
  tls: z.strictObject({ port: port().default(2013), cert: text(), key: text() }).optional(),
  /** Client addresses or CIDR ranges allowed to connect; absent = everyone. */
  allow: z
    .array(
      z.string().refine(isAddressOrCidr, {
        error: (issue) => `'${String(issue.input)}' is not an IP address or CIDR range`,
      }),
    )
    .optional(),
});

const postgresUrl = z.string().refine((url) => /^postgres(ql)?:\/\//.test(url), {
  error: 'must start with postgres:// or postgresql://',
});

const storageSchema = z.preprocess(
  (value) => (value === undefined ? { driver: 'sqlite' } : isPlainObject(value) ? { ...value, driver: inferStorageDriver(value) } : value),
  z.discriminatedUnion('driver', [
    z.strictObject({ driver: z.literal('sqlite'), path: text().default(DEFAULT_SQLITE_PATH) }),
    z.strictObject({
      driver: z.literal('postgres'),
      url: postgresUrl,
      /** PostgreSQL schema for Callwire's tables (default public), so one database can host several deployments. */
      schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain SQL identifier').optional(),
    }),
  ]),
);

const natsUrl = z.string().refine((url) => /^(nats|tls):\/\/[^\s/]+$/.test(url), {
  error: (issue) => `'${String(issue.input)}' is not a NATS server URL (nats://host:port)`,
});

/**
 * Several processes joined by NATS (README "Running on several machines"):
 * API nodes (`callwire start`) and recorder-core processes (`callwire core`).
 * Needs PostgreSQL storage, which every node shares.
 */
const clusterSchema = z.strictObject({
  nats: z.strictObject({
    servers: z.array(natsUrl).min(1, 'needs at least one NATS server URL'),
    user: text().optional(),
    pass: z.string().optional(),
    token: z.string().optional(),
  }),
  /** This process's name in the cluster: unique, and a NATS subject token. */
  node: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'),
  /** How long a node's lease (the engine and the input plugins) outlives its last heartbeat; another node takes it after. */
  leaseSeconds: integer().min(2).max(60).default(5),
  /** How long an API node waits for a remote core or the engine node to answer. */
  requestTimeoutMs: integer().min(100).max(60_000).default(2000),
});

const emailSchema = z.strictObject({
  smtp: z.strictObject({
    host: text(),
    port: port(1),
    secure: z.boolean().optional(),
    auth: z.strictObject({ user: text(), pass: z.string() }).optional(),
  }),
  from: text(),
});

const pluginSchema = z.strictObject({
  /** A built-in plugin name, an npm package name, or a ./relative path. */
  use: text(),
  /** Distinguishes two instances of the same plugin. */
  id: text().optional(),
  enabled: z.boolean().default(true),
  /** When the plugin fails (throws or leaves a rejection unhandled), it is stopped and started again after a growing wait. */
  restart: z
    .strictObject({
      /** Restarts after failures in a row; the next failure leaves it stopped (0: never restarted). */
      maxRestarts: z.int().min(0).max(1000).default(5),
      /** The first wait, doubled at each further failure up to maxDelaySeconds. */
      delaySeconds: z.number().positive().max(3600).default(1),
      maxDelaySeconds: z.number().positive().max(86_400).default(60),
    })
    .optional(),
  /** Validated later against the plugin's own schema. */
  options: z
    .unknown()
    .optional()
    .transform((options) => options ?? {}),
});

/**
 * The labels `terminology` may rename: FETCHTERMINOLOGY's (the manual's example) and every USER field
 * the manual has (USER1 … USER15), in the lower case FETCHTERMINOLOGY names them.
 */
export const TERMINOLOGY_KEYS: readonly string[] = [
  ...new Set([...Object.keys(DEFAULT_TERMINOLOGY), ...Array.from({ length: 15 }, (_, i) => `user${i + 1}`)]),
];

const terminologySchema = z.record(z.string(), z.string()).superRefine((terms, ctx) => {
  for (const key of Object.keys(terms)) {
    if (TERMINOLOGY_KEYS.includes(key)) continue;
    const suggestion = closestMatch(key, TERMINOLOGY_KEYS);
    const hint = suggestion === undefined ? '' : `did you mean '${suggestion}'? `;
    ctx.addIssue({ code: 'custom', path: [key], message: `not a field that can be renamed (${hint}the fields are ${TERMINOLOGY_KEYS.join(', ')})` });
  }
});

/**
 * The whole Callwire config file. Parsing `{}` gives the `npm start`
 * defaults. Unknown keys are errors everywhere except inside plugin options
 * (checked by each plugin) and schedules (checked by the scheduler); `validateConfig`
 * (src/host) runs those checks too, with the files and ports, and reports them all at once.
 */
export const configSchema = z.strictObject({
  server: serverSchema.prefault({}),
  storage: storageSchema,
  recordings: z
    .strictObject({
      path: text().default(DEFAULT_RECORDINGS_PATH),
      /**
       * Free space (MB) the recordings disk must keep: below it CALLSTART and
       * RECORDSTART answer API_ERROR_OUT_OF_DISK_SPACE and /healthz 503; 0 = not watched.
       */
      minFreeMb: integer().min(0).default(100),
    })
    .prefault({}),
  /** IANA zone for `M/D/YYYY h:mm:ss AM` times; absent = the system zone. */
  timezone: z
    .string()
    .refine(isTimeZone, { error: (issue) => `unknown time zone '${String(issue.input)}'` })
    .optional(),
  /** The event contract v2 (README "Events: the contract"). */
  events: z
    .strictObject({
      /** Events held for `/events?since=` and EVENTS SINCE; 0 = none. */
      replayBuffer: integer().min(0).max(1_000_000).default(10_000),
      /** A HEARTBEAT this often to subscriptions that asked for v2 or since; 0 = none. */
      heartbeatSeconds: integer().min(0).max(86_400).default(30),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(LOG_LEVELS).default('info'),
      /** Human-readable logs; absent = pretty when stdout is a terminal. */
      pretty: z.boolean().optional(),
    })
    .prefault({}),
  email: emailSchema.optional(),
  auth: z.strictObject({ required: z.boolean().default(false) }).prefault({}),
  plugins: z
    .array(pluginSchema)
    .superRefine((plugins, ctx) => {
      const seen = new Set<string>();
      plugins.forEach((plugin, index) => {
        if (plugin.id === undefined) return;
        if (seen.has(plugin.id)) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate plugin id '${plugin.id}'` });
        }
        seen.add(plugin.id);
      });
    })
    .prefault(defaultPlugins),
  cluster: clusterSchema.optional(),
  /** Checked by the scheduler's own (strict) schema: `validateConfig` reports its problems with the rest. */
  schedules: z.array(z.unknown()).prefault(defaultSchedules),
  /** CALLLIST: rows when CALLCOUNT is not sent, and the most one request may ask for. */
  callList: z
    .strictObject({ defaultCount: integer().min(1).default(100), maxCount: integer().min(1).default(1000) })
    .prefault({}),
  /** Renames of standard field labels, e.g. `deviceid: Voice Port`. */
  terminology: terminologySchema.prefault(() => ({})),
});

/** A validated config, defaults filled in (paths not yet resolved by the schema alone). */
export type CallwireConfig = z.output<typeof configSchema>;
/** What a config file may contain before defaults are applied. */
export type CallwireConfigInput = z.input<typeof configSchema>;
