import { terminalSafeStream } from './terminal-text.ts';

/**
 * What the CLI touches of the outside world, injected so tests run it in-process and read what
 * it printed. Defaults to the real process.
 */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * The streams every command writes to, each behind the terminal guard: whatever a command prints,
 * a partner's escape sequence does not reach the operator's terminal (terminal-text.ts).
 */
export function resolveIo(io: Partial<CliIo> = {}): CliIo {
  return {
    stdout: terminalSafeStream(io.stdout ?? process.stdout),
    stderr: terminalSafeStream(io.stderr ?? process.stderr),
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
  };
}
