/**
 * Reads the expense claim form: `multipart/form-data` only (it carries the proof files), with a
 * cap on the whole body, on each file, on the number of files and on their total size (the
 * operator's `maxProofBytesPerClaim`: files are kept on this node, whatever the claim's amount). Text fields go to `c.var.form`
 * (so the CSRF check and the form parsers work as for every other form), files to
 * `uploadOf(c)`. A file is kept only if its first bytes say PDF, PNG or JPEG, whatever its name
 * or declared type claims.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { t } from '../../i18n/index.ts';
import { errorPage } from './error-page.tsx';
import { formMediaType, readFormParts } from './form-parts.ts';
import type { PortalEnv } from './portal-env.ts';

export const MAX_PROOF_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_PROOF_FILES = 5;
/** The files at their cap, plus room for the text fields and the multipart framing. */
export const MAX_UPLOAD_BYTES = MAX_PROOF_FILES * MAX_PROOF_FILE_BYTES + 256 * 1024;
const MAX_FIELDS = 100;

export interface UploadedFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export type UploadProblem = { field: 'proof'; message: string };

export interface Upload {
  files: UploadedFile[];
  /** What was wrong with the files sent; the page shows it beside the file field. */
  problem: UploadProblem | null;
}

/** The files of a request read by `uploadBody()`, kept beside the request, not in its env. */
const UPLOADS = new WeakMap<Request, Upload>();

export function uploadOf(c: Context<PortalEnv>): Upload {
  return UPLOADS.get(c.req.raw) ?? { files: [], problem: null };
}

/** The media type from the file's first bytes, or null for anything else. */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

/** A file name safe to show and to send: its last path segment, control characters dropped. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' ? 'file' : clean).slice(0, 200);
}

/** "10 MB": the total the operator allows, in the words of the form's other limits. */
const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

export function uploadBody(maxProofBytes: number): MiddlewareHandler<PortalEnv> {
  const limit = bodyLimit({
    // The body stops at the files' total plus room for the text fields and the framing.
    maxSize: Math.min(MAX_UPLOAD_BYTES, maxProofBytes + 256 * 1024),
    onError: (c) =>
      errorPage(
        c,
        413,
        t('funds.err.tooLarge', { max: MAX_PROOF_FILES, total: megabytes(maxProofBytes) }),
        'form_too_large',
      ),
  });
  return async function uploadBodyMiddleware(c, next) {
    if (formMediaType(c) !== 'multipart/form-data') {
      return errorPage(c, 415, t('error.wrongMediaType'));
    }
    return limit(c, async () => {
      const read = await readFormParts(c, {
        maxFields: MAX_FIELDS,
        // A few files over the cap get the page's own message beside the field; more is refused.
        maxFiles: MAX_PROOF_FILES * 2,
        maxFileBytes: MAX_PROOF_FILE_BYTES,
        maxBytes: MAX_UPLOAD_BYTES,
      });
      if (!read.ok) {
        c.res = await errorPage(c, read.status, read.message, read.code);
        return;
      }
      const entries = read.parts;
      const form: Record<string, string> = {};
      const files: UploadedFile[] = [];
      let problem: UploadProblem | null = null;
      let total = 0;
      for (const [key, value] of entries) {
        if (typeof value === 'string') {
          if (Object.hasOwn(form, key)) {
            c.res = await errorPage(c, 400, t('refusal.form_unreadable'), 'form_unreadable');
            return;
          }
          form[key] = value;
          continue;
        }
        // A file field left empty arrives as a nameless empty part.
        if (key !== 'proof' || (value.size === 0 && value.name === '')) continue;
        if (files.length >= MAX_PROOF_FILES) {
          problem ??= { field: 'proof', message: t('funds.err.tooMany', { max: MAX_PROOF_FILES }) };
          continue;
        }
        if (value.size > MAX_PROOF_FILE_BYTES) {
          problem ??= {
            field: 'proof',
            message: t('funds.err.fileTooLarge', { name: cleanFileName(value.name) }),
          };
          continue;
        }
        if (total + value.size > maxProofBytes) {
          problem ??= {
            field: 'proof',
            message: t('funds.err.filesTooLarge', { size: megabytes(maxProofBytes) }),
          };
          continue;
        }
        total += value.size;
        const bytes = new Uint8Array(await value.arrayBuffer());
        const mediaType = sniffMediaType(bytes);
        if (!mediaType) {
          problem ??= {
            field: 'proof',
            message: t('funds.err.fileType', { name: cleanFileName(value.name) }),
          };
          continue;
        }
        files.push({
          name: cleanFileName(value.name),
          mediaType,
          size: bytes.byteLength,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          bytes,
        });
      }
      c.set('form', form);
      UPLOADS.set(c.req.raw, { files, problem });
      await next();
    });
  };
}
