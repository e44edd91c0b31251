import { ApiError } from '../api-error.js';
import type { MailAddress } from './mail-sender.js';

/**
 * A practical mailbox check: local part of printable characters without
 * spaces, quotes or angle brackets, and a domain of dot-separated labels
 * with a dot in it (or a bracketed IPv4 literal). It refuses what could
 * break or inject into a header (CR, LF, commas), not every odd address
 * RFC 5322 allows.
 */
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}|\[\d{1,3}(?:\.\d{1,3}){3}\])$/;

/** Whether `value` is one mailbox address. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value) && !value.startsWith('.') && !value.includes('..');
}

/**
 * The addresses in a TOADDRESS / FROMADDRESS value: one address, or several
 * separated by commas or semicolons.
 * @throws ApiError API_EMAIL_NOT_VALID naming the first bad address
 */
export function readAddresses(name: string, value: string, displayName?: string): MailAddress[] {
  const addresses = value.split(/[,;]/).map((part) => part.trim()).filter((part) => part !== '');
  if (addresses.length === 0) throw new ApiError('API_EMAIL_NOT_VALID', `${name} holds no email address`);
  for (const address of addresses) {
    if (!isEmailAddress(address)) throw new ApiError('API_EMAIL_NOT_VALID', `${name} '${address}' is not a valid email address`);
  }
  return addresses.map((address) => (displayName ? { address, name: displayName } : { address }));
}
