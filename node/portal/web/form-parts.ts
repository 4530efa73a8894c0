/**
 * What the portal's form readers share: the request's media type, and a multipart (or urlencoded)
 * body as its parts in order, each file a `File`. The body is parsed as it streams in (busboy)
 * and reading stops at the first limit passed: parts, fields, files, bytes. Counting after a full
 * parse let one request of 444,311 tiny parts hold the event loop for 1.2 s (issue 14.10).
 */
import busboy from 'busboy';
import type { Context } from 'hono';

/** The request's media type, lower-cased, without its parameters. */
export function formMediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A browser sends a textarea's line ends as CRLF; the wire refuses CR in text (PROTOCOL.md
 * section 2), so form text keeps LF only.
 */
export function normalizeLineEnds(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

export type FormPart = readonly [name: string, value: string | File];

export interface FormLimits {
  /** Text fields. */
  maxFields: number;
  /** File parts (an empty file field counts). */
  maxFiles: number;
  /**
   * Bytes kept of one file. A longer file is cut at one byte over, so its `size` tells the form
   * that it was too large without the rest being held in memory.
   */
  maxFileBytes: number;
  /** Bytes of the whole body, counted as it arrives. */
  maxBytes: number;
}

/** Bytes of one text field; the longest text the portal takes is 5,000 characters. */
const MAX_FIELD_BYTES = 32 * 1024;
const MAX_FIELD_NAME_BYTES = 100;

/** Why a form was refused, as the page shows it. Codes are stable. */
export type FormRefusal =
  | { status: 413; code: 'form_too_many_parts'; message: string }
  | { status: 413; code: 'form_too_large'; message: string }
  | { status: 400; code: 'form_unreadable'; message: string };

export type FormReadResult = { ok: true; parts: FormPart[] } | ({ ok: false } & FormRefusal);

const TOO_MANY: FormRefusal = {
  status: 413,
  code: 'form_too_many_parts',
  message: 'The form has more fields or files than this page sends.',
};
const TOO_LARGE: FormRefusal = {
  status: 413,
  code: 'form_too_large',
  message: 'The form is too large.',
};
const UNREADABLE: FormRefusal = {
  status: 400,
  code: 'form_unreadable',
  message: 'The form could not be read.',
};

/**
 * Reads the body's parts in order, stopping at the first limit passed. Text fields have their
 * line ends normalized to LF.
 */
export async function readFormParts(c: Context, limits: FormLimits): Promise<FormReadResult> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': c.req.header('content-type') ?? '' },
      // Browsers send a file's name as UTF-8 bytes (发票.pdf); busboy's default reads Latin-1.
      defParamCharset: 'utf8',
      limits: {
        fields: limits.maxFields,
        files: limits.maxFiles,
        parts: limits.maxFields + limits.maxFiles,
        fileSize: limits.maxFileBytes + 1,
        fieldSize: MAX_FIELD_BYTES,
        fieldNameSize: MAX_FIELD_NAME_BYTES,
      },
    });
  } catch {
    return { ok: false, ...UNREADABLE };
  }

  const parts: FormPart[] = [];
  let refused: FormRefusal | null = null;
  const refuse = (why: FormRefusal) => void (refused ??= why);
  const finished = new Promise<void>((resolve) => {
    parser.on('close', resolve);
    parser.on('error', () => {
      refuse(UNREADABLE);
      resolve();
    });
  });

  parser.on('field', (name, value, info) => {
    if (info.nameTruncated || info.valueTruncated) refuse(TOO_LARGE);
    else parts.push([name, normalizeLineEnds(value)]);
  });
  parser.on('file', (name, stream, info) => {
    const chunks: Buffer[] = [];
    // Parts stay in body order: the file's place is taken now, its content filled in at its end.
    const index = parts.push([name, new File([], '')]) - 1;
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      parts[index] = [name, new File(chunks, info.filename ?? '', { type: info.mimeType })];
    });
  });
  for (const event of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
    parser.on(event, () => refuse(TOO_MANY));
  }

  const reader = c.req.raw.body?.getReader();
  let bytes = 0;
  if (reader) {
    for (;;) {
      if (refused) break;
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) {
        refuse(TOO_LARGE);
        break;
      }
      parser.write(value);
    }
  }
  if (refused) {
    await reader?.cancel().catch(() => {});
    parser.destroy();
    return { ok: false, ...(refused as FormRefusal) };
  }
  parser.end();
  await finished;
  return refused ? { ok: false, ...(refused as FormRefusal) } : { ok: true, parts };
}
