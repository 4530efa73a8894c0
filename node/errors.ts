/**
 * One error type that knows its HTTP answer: a stable `code`, a message safe to show a client,
 * and the cause kept for the logs only.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    options?: { field?: string; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.field = options?.field;
  }

  toJSON(): { error: { code: string; message: string; field?: string } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
      },
    };
  }
}

export const badRequest = (code: string, message: string, field?: string) =>
  new AppError(400, code, message, field === undefined ? {} : { field });
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
