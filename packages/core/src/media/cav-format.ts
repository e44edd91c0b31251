import { scrypt } from 'node:crypto';

/**
 * CAV, Callwire's archive of a recording: one file holding the audio (a WAV)
 * and everything known about it (the Recording row, blackout spans) as JSON,
 * optionally encrypted with AES-256-GCM under a key derived from a password
 * with scrypt. The byte layout is documented in CAV.md next to this file.
 */
export const CAV_MAGIC = 'CWCAV';
/** The layout version in byte 5; a reader refuses others. */
export const CAV_VERSION = 1;
/** Bytes before the body (plain) or before the salt (encrypted). */
export const CAV_PREFIX_BYTES = 12;
/** scrypt salt, GCM nonce (the 96 bits GCM is designed for) and GCM tag sizes. */
export const CAV_SALT_BYTES = 16;
export const CAV_NONCE_BYTES = 12;
export const CAV_TAG_BYTES = 16;
/** Bytes before the ciphertext of an encrypted file; all of them are authenticated (GCM additional data). */
export const CAV_ENCRYPTED_HEADER_BYTES = CAV_PREFIX_BYTES + CAV_SALT_BYTES + CAV_NONCE_BYTES;

/** How the body is stored. */
export const CavMode = { Plain: 0, Aes256Gcm: 1 } as const;
export type CavMode = (typeof CavMode)[keyof typeof CavMode];

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds per
 * export). Stored in each file, so the cost can rise without breaking old files.
 */
export const CAV_SCRYPT = { log2N: 15, r: 8, p: 1 } as const;
/** scrypt's memory ceiling; Node's default (32 MiB) is just short of what N = 2^15, r = 8 needs. */
export const CAV_SCRYPT_MAXMEM = 256 * 1024 * 1024;

/** The 12-byte prefix: magic, version, mode, scrypt parameters (zero when plain), two reserved zero bytes. */
export function cavPrefix(mode: CavMode): Buffer {
  const prefix = Buffer.alloc(CAV_PREFIX_BYTES);
  prefix.write(CAV_MAGIC, 0, 'latin1');
  prefix[5] = CAV_VERSION;
  prefix[6] = mode;
  if (mode === CavMode.Aes256Gcm) {
    prefix[7] = CAV_SCRYPT.log2N;
    prefix[8] = CAV_SCRYPT.r;
    prefix[9] = CAV_SCRYPT.p;
  }
  return prefix;
}

/** The 32-byte AES key for `password` (UTF-8) and `salt`, with the scrypt parameters a file's prefix names. */
export function cavKey(password: string, salt: Uint8Array, params: { log2N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(password, 'utf8'), salt, 32, { N: 2 ** params.log2N, r: params.r, p: params.p, maxmem: CAV_SCRYPT_MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** The metadata a CAV carries, as JSON. */
export interface CavMetadata {
  readonly format: 'callwire-cav';
  readonly version: 1;
  /** When the archive was made (ISO 8601, UTC). */
  readonly exportedAt: string;
  readonly audio: {
    readonly container: 'wav';
    readonly encoding: 'pcm_s16le';
    readonly sampleRate: number;
    readonly channels: number;
    readonly frames: number;
    readonly durationMs: number;
    /** Bytes of the WAV file that follows the JSON. */
    readonly bytes: number;
  };
  /** The recordings in the audio, in order: their Recording rows plus where each begins in the audio. */
  readonly recordings: readonly CavRecording[];
}

/** One recording's row (every column, times in ms since the epoch) and its place in the audio. */
export interface CavRecording {
  readonly [column: string]: unknown;
  readonly ident: number;
  /** Where this recording starts in the archive's audio, ms. */
  readonly offsetMs: number;
  readonly durationMs: number;
  /** Blacked-out spans: absolute (ms since epoch) and relative to the start of the archive's audio (ms). */
  readonly blackouts: readonly { start: number; stop: number | null; startOffsetMs: number; stopOffsetMs: number | null }[];
}
