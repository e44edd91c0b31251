/** One sentence for a port a channel could not bind: "channel 3: port 40004 is in use (EADDRINUSE)". */
export function bindProblem(channel: number, host: string, port: number, err: NodeJS.ErrnoException): string {
  const code = err.code ?? err.message;
  switch (err.code) {
    case 'EADDRINUSE':
      return `channel ${channel}: port ${port} is in use (EADDRINUSE)`;
    case 'EACCES':
      return `channel ${channel}: port ${port} is not allowed for this process (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `channel ${channel}: port ${port} cannot be bound: ${host} is not an address of this machine (EADDRNOTAVAIL)`;
    default:
      return `channel ${channel}: port ${port} on ${host} cannot be bound (${code})`;
  }
}
