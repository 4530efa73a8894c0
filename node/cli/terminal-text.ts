/**
 * Keeps partner text from driving the operator's terminal (issue 14, finding 9). Names, notes and
 * errors a partner wrote reach the CLI's output; an escape sequence in them could clear the
 * screen, print fake output, set the window title or write the clipboard (OSC 52). The wire
 * schemas refuse control characters in text (PROTOCOL.md section 2), but records stored before
 * that rule, local input and error details still pass here: every byte the CLI writes does.
 */

/** The SGR sequences the CLI's own painter writes (output.ts): bold, dim, colours, resets. */
const OWN_SGR = /(\u001b\[(?:1|2|22|31|32|33|36|39)m)/;

/**
 * Whole escape sequences first (CSI, OSC up to its terminator, 8-bit CSI and OSC, two-byte ESC
 * sequences), so that no `[2J` is left behind; then any other C0 or C1 control character but
 * newline and tab.
 */
const CONTROLS = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]?',
    '\\u001b[\\]PX^_][^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u009b[0-?]*[ -/]*[@-~]?',
    '[\\u009d\\u0090\\u0098\\u009e\\u009f][^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u009c)?',
    '\\u001b[ -~]?',
    // CR only before LF: CRLF ends a line (CSV exports), a lone CR would overwrite it.
    '\\r(?!\\n)',
    '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]',
  ].join('|'),
  'g',
);

/** Text with every escape sequence and control character removed, but newline, CRLF and tab. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** As stripControls, but keeps the CLI's own styling sequences (colour is all they can do). */
export function stripForeignControls(text: string): string {
  return text
    .split(OWN_SGR)
    .map((part, i) => (i % 2 === 1 ? part : stripControls(part)))
    .join('');
}

/**
 * Control sequences the CLI writes on purpose as a chunk of their own (the progress line's
 * return-and-erase). Partner text never arrives as a whole chunk: it is always inside a line.
 */
const OWN_CHUNKS = new Set(['\r\u001b[2K']);

/** A stream that passes every chunk through stripForeignControls before writing it. */
export function terminalSafeStream(stream: { write(chunk: string): unknown; isTTY?: boolean }): {
  write(chunk: string): unknown;
  isTTY?: boolean;
} {
  return {
    write: (chunk: string) =>
      stream.write(OWN_CHUNKS.has(chunk) ? chunk : stripForeignControls(chunk)),
    ...(stream.isTTY !== undefined && { isTTY: stream.isTTY }),
  };
}

/**
 * JSON text with C1 control characters escaped: JSON.stringify escapes C0 but writes U+0080 to
 * U+009F raw, and some terminals read U+009B as CSI. The value is unchanged.
 */
export function escapeC1(json: string): string {
  return json.replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
