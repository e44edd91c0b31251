import { createDecipheriv } from 'node:crypto';
import {
  CAV_ENCRYPTED_HEADER_BYTES,
  CAV_MAGIC,
  CAV_PREFIX_BYTES,
  CAV_SALT_BYTES,
  CAV_TAG_BYTES,
  CAV_VERSION,
  cavKey,
  CavMode,
  type CavMetadata,
} from './cav-format.js';

/** Why a CAV could not be opened. */
export class CavError extends Error {
  override readonly name = 'CavError';
  constructor(
    readonly reason: 'not-cav' | 'password-required' | 'wrong-password',
    message: string,
  ) {
    super(message);
  }
}

/** A CAV's contents. */
export interface CavContents {
  readonly metadata: CavMetadata;
  /** The WAV file, byte for byte. */
  readonly wav: Buffer;
  readonly encrypted: boolean;
}

/**
 * Unpacks a whole CAV file held in memory (a tool or test reading an
 * archive; the server only writes them). An encrypted file needs the
 * password; a wrong one — or any changed byte — fails GCM authentication.
 */
export async function readCav(file: Buffer, password?: string): Promise<CavContents> {
  if (file.length < CAV_PREFIX_BYTES || file.toString('latin1', 0, 5) !== CAV_MAGIC || file[5] !== CAV_VERSION) {
    throw new CavError('not-cav', 'not a version 1 CAV file');
  }
  const mode = file[6];
  if (mode === CavMode.Plain) return { ...unpackBody(file.subarray(CAV_PREFIX_BYTES)), encrypted: false };
  if (mode !== CavMode.Aes256Gcm || file.length < CAV_ENCRYPTED_HEADER_BYTES + CAV_TAG_BYTES) {
    throw new CavError('not-cav', `unknown CAV mode ${mode}`);
  }
  if (password === undefined) throw new CavError('password-required', 'this CAV is encrypted; a password is needed');
  const salt = file.subarray(CAV_PREFIX_BYTES, CAV_PREFIX_BYTES + CAV_SALT_BYTES);
  const nonce = file.subarray(CAV_PREFIX_BYTES + CAV_SALT_BYTES, CAV_ENCRYPTED_HEADER_BYTES);
  const key = await cavKey(password, salt, { log2N: file[7]!, r: file[8]!, p: file[9]! });
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(file.subarray(0, CAV_ENCRYPTED_HEADER_BYTES));
  decipher.setAuthTag(file.subarray(file.length - CAV_TAG_BYTES));
  let body: Buffer;
  try {
    body = Buffer.concat([decipher.update(file.subarray(CAV_ENCRYPTED_HEADER_BYTES, file.length - CAV_TAG_BYTES)), decipher.final()]);
  } catch {
    throw new CavError('wrong-password', 'wrong password, or the file was changed');
  }
  return { ...unpackBody(body), encrypted: true };
}

function unpackBody(body: Buffer): Omit<CavContents, 'encrypted'> {
  const length = body.readUInt32BE(0);
  const metadata = JSON.parse(body.toString('utf8', 4, 4 + length)) as CavMetadata;
  return { metadata, wav: body.subarray(4 + length) };
}
