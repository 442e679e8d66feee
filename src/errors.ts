/**
 * An input that cannot be read or parsed. The message is one line for people; the CLI prefixes
 * the file name and exits 1. Anything else thrown is a bug.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly where: { page?: number; line?: number } = {},
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** A --pages selection the input cannot give (a page past the end, or an input without pages): a usage error. */
export class PageSelectionError extends InputError {}

/** "file.pdf: page 3: message" — the one-line form every error takes. */
export function describeError(path: string, err: unknown): string {
  if (err instanceof InputError) {
    const at = err.where.page != null ? `page ${err.where.page}: ` : err.where.line != null ? `line ${err.where.line}: ` : '';
    return `${printable(path)}: ${at}${oneLine(err.message)}`;
  }
  // A bug of ours, not the input's fault: say so, briefly (PTARGET_DEBUG=1 prints the stack).
  const msg = err instanceof Error ? err.message : String(err);
  return `${printable(path)}: could not read this file (internal error: ${oneLine(msg.split('\n')[0]!).slice(0, 120)})`;
}

// C0 controls but tab and newline, DEL, C1 controls (CSI among them), and the bidirectional
// overrides that reorder what a terminal shows.
const UNPRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a document or a file name, safe to print: control characters are shown escaped
 * (\x1b, \u202e) so that they cannot move the cursor, recolour or retitle the terminal.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** One printable line: line breaks become spaces. */
export function oneLine(text: string): string {
  return printable(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** The engine's "Maximum call stack size exceeded": input nested deeper than a recursive reader goes. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}
