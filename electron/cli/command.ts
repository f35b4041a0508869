// The shape of one `moat` sub-command; the table of them is in commands/index.ts.
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit status; long-running commands (serve) resolve when they stop. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage error: the CLI prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
