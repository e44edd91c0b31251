import { isIPv4, isIPv6 } from 'node:net';

/**
 * True for a plain IPv4/IPv6 address (`10.0.0.5`, `::1`) or a CIDR range
 * (`10.0.0.0/8`, `fd00::/8`) with a prefix length that fits the family.
 */
export function isAddressOrCidr(text: string): boolean {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const bits = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  if (bits === 0) return false;
  if (slash === -1) return true;
  const prefix = text.slice(slash + 1);
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}
