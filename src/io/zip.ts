import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { InputError } from '../errors.js';

/**
 * A small in-memory zip reader (DOCX packages, batch `.zip` archives) on top of yauzl, which
 * checks every entry's inflated size against the size the archive declares. On top of that we
 * refuse entries that are too large, absurdly compressed (zip bombs), encrypted, symlinks, or
 * whose path is absolute or climbs out with `..`. Each refusal is listed (a ZipRefusal with a
 * `reason` code), not thrown, so one bad member does not sink a whole archive. A damaged archive,
 * an archive over a limit of the whole (entry count, total size, ratio, shared data), or an entry
 * that turns out damaged when inflated, is a ZipError (an InputError with a reason).
 */

export interface ZipLimits {
  /** Largest inflated size of one entry, in bytes. */
  maxEntryBytes?: number;
  /** Largest sum of the inflated sizes of all the archive's entries. */
  maxTotalBytes?: number;
  /**
   * Largest inflated/compressed size ratio: of an entry over RATIO_FLOOR bytes, and of the whole
   * archive (its entries' inflated sizes over the archive's own size).
   */
  maxRatio?: number;
  /** Most entries (files and folders) an archive may have. */
  maxEntries?: number;
}

export interface ZipEntry {
  /** Normalised relative path with "/" separators; UTF-8 when flagged or valid, else GB18030. */
  path: string;
  /** Declared inflated size in bytes (read() enforces it). */
  size: number;
  /** Inflate the entry; throws ZipError if the data is damaged or larger than declared. */
  read(): Promise<Uint8Array>;
}

/** Why an entry was not listed. */
export type ZipRefusalReason =
  | 'unsafe-path'
  | 'encrypted'
  | 'unsupported-compression'
  | 'symlink'
  | 'entry-too-large'
  | 'compression-ratio'
  | 'duplicate-path';

export interface ZipRefusal {
  reason: ZipRefusalReason;
  /** The entry refused: its normalised path, or its name as stored when the path itself is the problem. */
  entry: string;
  /** One line for people: "a/b.pdf: refused: the entry is encrypted". */
  message: string;
}

export interface ZipListing {
  entries: ZipEntry[];
  refused: ZipRefusal[];
}

/**
 * Why reading the archive, or one of its entries, failed. The archive-wide limits (entry count,
 * total inflated size, ratio of the whole, entries sharing data) refuse the archive as a whole:
 * such an archive is built to cost work, and its members one by one would bury the one line
 * that says so under a failure each.
 */
export type ZipErrorReason =
  | 'damaged-archive'
  | 'damaged-entry'
  | 'inflates-past-size'
  | 'too-many-entries'
  | 'archive-too-large'
  | 'archive-ratio'
  | 'overlapping-entries';

export class ZipError extends InputError {
  constructor(
    readonly reason: ZipErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export const ZIP_DEFAULTS: Required<ZipLimits> = {
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  // Text and XML deflate 5-30x, documents and images about 1x; zeros reach ~1000x.
  maxRatio: 200,
  maxEntries: 20_000,
};

/** Small entries (and archives) may compress absurdly well (a page of spaces) yet cannot hurt: no ratio check. */
const RATIO_FLOOR = 1024 * 1024;

// The parts of yauzl 3 that @types/yauzl (written for 2.x) does not describe.
type RawEntry = Entry & { fileNameRaw?: Buffer };

const UTF8_FLAG = 0x800;
const INFOZIP_UNICODE_PATH = 0x7075;

/**
 * List the files of a zip held in memory. Throws ZipError when the archive itself is damaged or
 * over an archive-wide limit; those are checked on the whole central directory before any entry
 * is listed, so nothing of such an archive is ever read.
 */
export async function readZip(bytes: Uint8Array, opts: ZipLimits = {}): Promise<ZipListing> {
  const limits = { ...ZIP_DEFAULTS, ...opts };
  const zip = await openZip(bytes);
  const all = await centralDirectory(zip, limits.maxEntries);
  checkArchive(all, bytes.byteLength, limits);
  const entries: ZipEntry[] = [];
  const refused: ZipRefusal[] = [];
  const refuse = (entry: string, [reason, why]: [ZipRefusalReason, string]): void => {
    refused.push({ reason, entry, message: `${entry}: refused: ${why}` });
  };
  const seen = new Set<string>();
  for (const entry of all) {
    const name = decodeEntryName(entry);
    if (isDirectory(name)) continue;
    const path = normaliseEntryPath(name);
    if (path === null) {
      refuse(name, ['unsafe-path', 'the path is absolute or leaves the archive']);
      continue;
    }
    const refusal = refuseEntry(entry, limits);
    if (refusal) {
      refuse(path, refusal);
      continue;
    }
    if (seen.has(path)) {
      refuse(path, ['duplicate-path', 'a second entry with the same path']);
      continue;
    }
    seen.add(path);
    const declared = entry.uncompressedSize;
    entries.push({ path, size: declared, read: () => inflateEntry(zip, entry, path, declared) });
  }
  return { entries, refused };
}

/** Every entry of the central directory; over `max` of them, the archive is refused. */
async function centralDirectory(zip: ZipFile, max: number): Promise<RawEntry[]> {
  const tooMany = (): ZipError =>
    new ZipError('too-many-entries', `the archive has more than ${max} entries, the most one archive may hold (a zip bomb?)`);
  if (zip.entryCount > max) throw tooMany();
  const all: RawEntry[] = [];
  for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
    if (all.length === max) throw tooMany();
    all.push(entry as RawEntry);
  }
  return all;
}

const MB = 1024 * 1024;
const megabytes = (n: number): string => `${Math.round(n / MB)} MB`;

/**
 * The limits on the archive as a whole, from the sizes its central directory declares (inflating
 * checks them): entries may not share their data, nor add up to more than maxTotalBytes, nor
 * inflate more than maxRatio times the archive's own size. A bomb of many honest-looking entries
 * (1,000 of 1 MiB of spaces, or 999 names for one member's data) is caught here.
 */
function checkArchive(all: readonly RawEntry[], archiveBytes: number, limits: Required<ZipLimits>): void {
  const byOffset = [...all].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    // a local header is 30 bytes before the name and the data: the next entry starts after both
    if (prev.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + prev.compressedSize > byOffset[i]!.relativeOffsetOfLocalHeader) {
      throw new ZipError('overlapping-entries', 'entries of the archive share their data (a zip bomb?)');
    }
  }
  const inflated = all.reduce((n, e) => n + e.uncompressedSize, 0);
  if (inflated > limits.maxTotalBytes) {
    throw new ZipError(
      'archive-too-large',
      `the archive's files add up to ${megabytes(inflated)} inflated, over the ${megabytes(limits.maxTotalBytes)} limit for one archive`,
    );
  }
  if (inflated > RATIO_FLOOR && inflated > archiveBytes * limits.maxRatio) {
    throw new ZipError(
      'archive-ratio',
      `the archive would inflate ${Math.round(inflated / Math.max(1, archiveBytes))} times its size, over the ${limits.maxRatio}:1 limit (a zip bomb?)`,
    );
  }
}

const LOCAL_HEADER_BYTES = 30;

function isDirectory(name: string): boolean {
  return name.replace(/\\/g, '/').endsWith('/');
}

/** Why an entry may not be read (reason and words), or null when it may. */
function refuseEntry(entry: RawEntry, limits: Required<ZipLimits>): [ZipRefusalReason, string] | null {
  if (entry.isEncrypted()) return ['encrypted', 'the entry is encrypted'];
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    return ['unsupported-compression', `unsupported compression method ${entry.compressionMethod}`];
  }
  if (isSymlink(entry)) return ['symlink', 'the entry is a symbolic link'];
  const size = entry.uncompressedSize;
  if (size > limits.maxEntryBytes) {
    return ['entry-too-large', `${size} bytes inflated is over the ${limits.maxEntryBytes}-byte limit`];
  }
  if (size > RATIO_FLOOR && size > entry.compressedSize * limits.maxRatio) {
    return ['compression-ratio', `compression ratio over ${limits.maxRatio}:1 (a zip bomb?)`];
  }
  return null;
}

/** Unix symlinks keep their mode in the high half of the external attributes. */
function isSymlink(entry: Entry): boolean {
  const madeOnUnix = entry.versionMadeBy >> 8 === 3;
  return madeOnUnix && ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

/**
 * The entry's name as text. Zips made on Chinese Windows store GBK names without the UTF-8 flag,
 * so unflagged names that are not valid UTF-8 are read as GB18030 (a superset of GBK).
 */
function decodeEntryName(entry: RawEntry): string {
  const raw = entry.fileNameRaw ?? (Buffer.isBuffer(entry.fileName) ? entry.fileName : Buffer.from(entry.fileName));
  return infoZipUnicodePath(entry.extraFields, raw) ?? decodeNameBytes(raw, (entry.generalPurposeBitFlag & UTF8_FLAG) !== 0);
}

/** The UTF-8 name some zippers add beside a legacy one, unless stale (its CRC is of another name). */
function infoZipUnicodePath(extra: Entry['extraFields'], raw: Buffer): string | null {
  for (const f of extra) {
    if (f.id !== INFOZIP_UNICODE_PATH || f.data.length < 6 || f.data[0] !== 1) continue;
    if (f.data.readUInt32LE(1) !== crc32(raw)) continue;
    return new TextDecoder('utf-8').decode(f.data.subarray(5));
  }
  return null;
}

export function decodeNameBytes(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gb18030').decode(raw);
  }
}

/**
 * "a\\b/./c" -> "a/b/c"; null for absolute paths (/x, C:/x, //host) and for paths whose ".."
 * climbs above the archive root, or with NUL characters.
 */
export function normaliseEntryPath(name: string): string | null {
  const p = name.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\0')) return null;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.length ? parts.join('/') : null;
}

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err || !zip ? reject(damaged(err)) : resolve(zip)),
    );
  });
}

/** The next central-directory entry, or null at the end. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (e: Entry): void => (cleanup(), resolve(e));
    const onEnd = (): void => (cleanup(), resolve(null));
    const onError = (err: Error): void => (cleanup(), reject(damaged(err)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** Inflate one entry, never past `limit` bytes (yauzl also stops at the declared size). */
function inflateEntry(zip: ZipFile, entry: Entry, path: string, limit: number): Promise<Uint8Array> {
  const damagedEntry = (why: string): ZipError => new ZipError('damaged-entry', `damaged zip entry ${path}: ${why}`);
  const tooLong = (): ZipError =>
    new ZipError('inflates-past-size', `zip entry ${path} inflates past its declared ${limit} bytes (a zip bomb?)`);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(damagedEntry(err?.message ?? 'unreadable'));
      const chunks: Buffer[] = [];
      let n = 0;
      stream.on('data', (chunk: Buffer) => {
        n += chunk.length;
        if (n > limit) {
          stream.destroy();
          reject(tooLong());
          return;
        }
        chunks.push(chunk);
      });
      // yauzl's own size check (validateEntrySizes) reports "too many bytes in the stream"
      stream.on('error', (e: Error) => reject(/too many bytes/.test(e.message) ? tooLong() : damagedEntry(e.message)));
      stream.on('end', () => resolve(joinChunks(chunks, n)));
    });
  });
}

/** The chunks in one Uint8Array of its own, copied once (Buffer.concat and a Uint8Array of it copied twice). */
function joinChunks(chunks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function damaged(err: Error | null | undefined): ZipError {
  return new ZipError('damaged-archive', `damaged or not a zip archive (${err?.message ?? 'unreadable'})`);
}
