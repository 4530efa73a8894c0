/** An in-memory CliIo: what `runCli` printed, for tests and for embedding the CLI. */
import type { CliIo } from './io.ts';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

export function createCapturedIo(options: Partial<Pick<CliIo, 'env' | 'cwd'>> = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => stdout,
    err: () => stderr,
  };
}
