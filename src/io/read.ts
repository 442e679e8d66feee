import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

/** Read an input file (or all of stdin for "-"), turning file-system errors into one-line InputErrors. */
export async function readInput(path: string): Promise<Uint8Array> {
  try {
    if (path === '-') return await readStdin();
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code && MESSAGES[code]) throw new InputError(MESSAGES[code]);
    throw err;
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
