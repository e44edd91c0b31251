/**
 * Avaya Universal Call ID (UCID) out of User-to-User information.
 *
 * Avaya Communication Manager and the Avaya SBCE send the UCID in the
 * User-to-User header (RFC 7433) as hex, e.g. "00FA080001000758A20EFA;encoding=hex"
 * (Acme/Oracle SBCs copy the same value into <apkt:ucid>). The hex is Avaya's
 * shared-UUI layout: one protocol discriminator byte (00), then information
 * elements of tag byte, length byte, value. Tag FA (length 08) is the UCID:
 *   bytes 0-1  network node id   -> 5 decimal digits
 *   bytes 2-3  sequence number   -> 5 decimal digits
 *   bytes 4-7  UNIX time (s)     -> 10 decimal digits
 * and the UCID is those 20 digits side by side, as Avaya shows it in CMS/CTI
 * (the AES "ucid" field). Example: 0001 0007 58A20EFA -> 00001 00007 1487015674
 * = "00001000071487015674"; 0x58A20EFA is 2017-02-13T19:54:34Z, the
 * associate-time of the same Avaya SBCE sample (12:54:34 at UTC-7).
 */
const UCID_TAG = 0xfa;
const UCID_LENGTH = 8;

/** The 20-digit UCID in a User-to-User value, or undefined when it holds none (or is not hex). */
export function decodeAvayaUcid(userToUser: string): string | undefined {
  const [data = '', ...parameters] = userToUser.split(';').map((part) => part.trim());
  const encoding = parameters.find((p) => /^encoding=/i.test(p))?.slice(9).toLowerCase() ?? 'hex';
  if (encoding !== 'hex' || !/^([0-9a-f]{2})+$/i.test(data)) return undefined;
  const bytes = Buffer.from(data, 'hex');
  const ucid = findElement(bytes, bytes[0] === 0x00 ? 1 : 0);
  if (!ucid) return undefined;
  return [ucid.readUInt16BE(0).toString().padStart(5, '0'), ucid.readUInt16BE(2).toString().padStart(5, '0'), ucid.readUInt32BE(4).toString().padStart(10, '0')].join('');
}

function findElement(bytes: Buffer, start: number): Buffer | undefined {
  for (let at = start; at + 2 <= bytes.length; at += 2 + bytes[at + 1]!) {
    if (bytes[at] === UCID_TAG && bytes[at + 1] === UCID_LENGTH && at + 2 + UCID_LENGTH <= bytes.length) return bytes.subarray(at + 2, at + 2 + UCID_LENGTH);
  }
  return undefined;
}
