/** One karmadactl subcommand. `out` receives what the user reads; errors are thrown as CliError. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], out: (line: string) => void): Promise<void>;
}
