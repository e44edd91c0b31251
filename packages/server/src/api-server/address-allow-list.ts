import { BlockList, isIPv6 } from 'node:net';

/**
 * `server.allow`: the addresses and CIDR ranges (IPv4 or IPv6) whose clients
 * may use the API. An IPv4 client seen through an IPv6 socket
 * (`::ffff:10.0.0.5`) is checked as IPv4.
 */
export class AddressAllowList {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/') as [string, string | undefined];
      const family = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(prefix), family);
    }
  }

  allows(remoteAddress: string | undefined): boolean {
    if (remoteAddress === undefined) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress)?.[1];
    if (mapped) return this.list.check(mapped, 'ipv4') || this.list.check(remoteAddress, 'ipv6');
    return this.list.check(remoteAddress, isIPv6(remoteAddress) ? 'ipv6' : 'ipv4');
  }
}
