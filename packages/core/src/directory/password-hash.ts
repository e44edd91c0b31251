import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: one of OWASP's equivalent settings (N=2^15, r=8, p=3: 32 MiB, a few hundred ms). */
const COST = { log2N: 15, r: 8, p: 3 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * IMPORTUSER's PASSWORD, as stored: a slow salted scrypt hash in the PHC
 * string format, `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (unpadded base64), so
 * the cost travels with the hash and can be raised later without breaking
 * the hashes already stored. The password itself is never kept.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, COST);
  return `$scrypt$ln=${COST.log2N},r=${COST.r},p=${COST.p}$${b64(salt)}$${b64(key)}`;
}

/**
 * What a password is checked against when the user is unknown or has no
 * password: a hash at the current cost whose key no password derives (all
 * zeros), so an unknown user costs the same scrypt as a wrong password and
 * the time taken does not tell which usernames exist.
 */
export const UNKNOWN_USER_HASH = `$scrypt$ln=${COST.log2N},r=${COST.r},p=${COST.p}$${b64(Buffer.alloc(SALT_BYTES))}$${b64(Buffer.alloc(KEY_BYTES))}`;

/** Whether `password` is the one `stored` (a {@link hashPassword} string) was made from; false for anything unreadable. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [log2N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (log2N < 1 || log2N > 20 || r < 1 || p < 1) return false;
  const salt = Buffer.from(match[4]!, 'base64');
  const expected = Buffer.from(match[5]!, 'base64');
  const key = await derive(password, salt, expected.length, { log2N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

function derive(password: string, salt: Buffer, length: number, cost: { log2N: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
