/**
 * A command line the CLI cannot act on (unknown command or option, a
 * missing argument): printed as one line, exit status 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A failure the user can do something about (the server is not there, a
 * file cannot be read): printed as one line prefixed `callwire:`, exit
 * status 1, never with a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** parseArgs' own errors (unknown option, missing value) are usage errors too. */
export function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
