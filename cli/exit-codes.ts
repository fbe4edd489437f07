/** Exit codes shared by every command (issue 2 CLI contract) and the error that carries one. */

export const ExitCode = {
  /** everything checked / computed */
  Ok: 0,
  /** findings: error diagnostics, records that could not be computed */
  Findings: 1,
  /** usage error, unreadable input, a policy that does not check (outside `check`), internal error */
  Usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure with a Chinese message for the user; main prints the message (no stack)
 * and exits with `exitCode`. Anything else that escapes a command is an internal error.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.Usage,
  ) {
    super(message);
    this.name = "CliError";
  }
}
