import { createCipheriv, randomBytes } from 'node:crypto';
import {
  CAV_ENCRYPTED_HEADER_BYTES,
  CAV_NONCE_BYTES,
  CAV_PREFIX_BYTES,
  CAV_SALT_BYTES,
  CAV_SCRYPT,
  CAV_TAG_BYTES,
  cavKey,
  CavMode,
  cavPrefix,
  type CavMetadata,
} from './cav-format.js';
import { streamOf, type EncodedMedia } from './encoded-media.js';

/**
 * A CAV archive of `wav` (whose length must be known) and `metadata`;
 * encrypted when `password` is given. Streams: the JSON goes first, then
 * the WAV as it is encoded, through the cipher when there is one (GCM's tag
 * is appended at the end). The length is known in advance.
 */
export function encodeCav(wav: EncodedMedia, metadata: CavMetadata, password?: string): EncodedMedia {
  if (wav.byteLength === undefined) throw new Error('a CAV needs audio of known length');
  const json = Buffer.from(JSON.stringify(metadata), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const body = 4 + json.length + wav.byteLength;
  const encrypted = password !== undefined;
  return {
    contentType: 'application/x-callwire-cav',
    extension: 'cav',
    byteLength: encrypted ? CAV_ENCRYPTED_HEADER_BYTES + body + CAV_TAG_BYTES : CAV_PREFIX_BYTES + body,
    open: () =>
      streamOf(async function* () {
        if (!encrypted) {
          yield cavPrefix(CavMode.Plain);
          yield length;
          yield json;
          yield* wav.open();
          return;
        }
        const salt = randomBytes(CAV_SALT_BYTES);
        const nonce = randomBytes(CAV_NONCE_BYTES);
        const header = Buffer.concat([cavPrefix(CavMode.Aes256Gcm), salt, nonce]);
        const cipher = createCipheriv('aes-256-gcm', await cavKey(password, salt, CAV_SCRYPT), nonce);
        // The header is authenticated too: a changed scrypt parameter or nonce fails like a wrong password.
        cipher.setAAD(header);
        yield header;
        yield cipher.update(length);
        yield cipher.update(json);
        for await (const chunk of wav.open()) yield cipher.update(chunk as Buffer);
        yield cipher.final();
        yield cipher.getAuthTag();
      }),
  };
}
