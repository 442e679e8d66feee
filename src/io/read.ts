import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { specialKind } from './guard.js';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENXIO: 'a socket or a device with nothing behind it, not a regular file',
  EIO: 'the disk could not be read (input/output error)',
};

/** Largest input read by default: far above any real budget document, far below the machine's memory. */
export const DEFAULT_MAX_MB = 512;

export interface ReadLimits {
  /** Largest input in bytes. */
  maxBytes?: number;
}

/**
 * Read an input file (or all of stdin for "-"), turning file-system errors into one-line
 * InputErrors. Only regular files are read: a device (/dev/zero), FIFO or socket is refused
 * before it is read, and no input, stdin included, is read past the size limit.
 */
export async function readInput(path: string, limits: ReadLimits = {}): Promise<Uint8Array> {
  const max = limits.maxBytes ?? DEFAULT_MAX_MB * 1024 * 1024;
  try {
    if (path === '-') return await readStream(process.stdin, max);
    return await readRegularFile(path, max);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code && MESSAGES[code]) throw new InputError(MESSAGES[code]);
    throw err;
  }
}

async function readRegularFile(path: string, max: number): Promise<Uint8Array> {
  // non-blocking, so that opening a FIFO with no writer cannot hang before fstat says what it is
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await file.stat();
    if (st.isDirectory()) throw new InputError(MESSAGES.EISDIR!);
    const special = specialKind(st);
    if (special) throw new InputError(`${special}, not a regular file`);
    if (st.size > max) throw tooLarge(max);
    // a file growing while it is read is still cut at the limit
    const buf = Buffer.allocUnsafe(Math.min(st.size, max) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await file.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) {
        if (n > max) throw tooLarge(max);
        break;
      }
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, n);
  } finally {
    await file.close();
  }
}

async function readStream(stream: NodeJS.ReadableStream, max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
    if (n > max) throw tooLarge(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, n);
}

function tooLarge(max: number): InputError {
  const mb = max / (1024 * 1024);
  return new InputError(`larger than the ${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB limit (raise it with --max-size)`);
}
