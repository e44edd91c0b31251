/** One `callwire` command: what `callwire help NAME` prints, and what it runs. */
export interface CliCommand {
  /** The word after `callwire`. */
  readonly name: string;
  /** One line for the command list of `callwire --help`. */
  readonly summary: string;
  /** The full help text: usage lines, options, examples. */
  readonly help: string;
  /** Runs with the arguments after the command's name; resolves with the exit status. */
  run(args: string[]): Promise<number>;
}
