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

/** "file.pdf: page 3: message" — the one-line form every error takes. */
export function describeError(path: string, err: unknown): string {
  if (err instanceof InputError) {
    const at = err.where.page != null ? `page ${err.where.page}: ` : err.where.line != null ? `line ${err.where.line}: ` : '';
    return `${path}: ${at}${err.message}`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return `${path}: ${msg.split('\n')[0]}`;
}
