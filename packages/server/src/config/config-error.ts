/**
 * A config that cannot be used: missing or unreadable file, bad syntax, or
 * values that fail validation. `issues` has one line per problem, each
 * `path: problem` (or `line 3, column 7: problem` for syntax errors, or the
 * whole message for a file that cannot be read); the message is ready to
 * print: a header line followed by the issues, indented.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Every problem found, one line each; never empty. */
  readonly issues: readonly string[];
  /** The absolute path of the config file, when there was one. */
  readonly file: string | undefined;

  /** Prefer the factories below; `issues` defaults to the message itself. */
  constructor(message: string, issues: readonly string[] = [message], file?: string) {
    super(message);
    this.issues = Object.freeze([...issues]);
    this.file = file;
  }

  /** A single problem that stops loading, such as `config file not found: <path>`. */
  static single(message: string, file?: string): ConfigError {
    return new ConfigError(message, [message], file);
  }

  /** Several problems under a header line, e.g. `invalid config <file>:` then one issue per line. */
  static list(header: string, issues: readonly string[], file?: string): ConfigError {
    return new ConfigError([header, ...issues.map((issue) => `  ${issue}`)].join('\n'), issues, file);
  }

  /** The error for a config whose values are invalid: `invalid config <file>:` then the issues. */
  static invalid(file: string | undefined, issues: readonly string[]): ConfigError {
    return ConfigError.list(`invalid config ${file ?? '(no config file)'}:`, issues, file);
  }
}
