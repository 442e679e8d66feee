import zlib, { constants, crc32 as zcrc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../src/errors.js';
import { decodeNameBytes, normaliseEntryPath, readZip, type ZipRefusal, ZipError } from '../src/io/zip.js';
import { buildZip, type ZipMember } from './helpers/zip-build.js';

const MiB = 1024 * 1024;

/**
 * Counts the work of inflating while `fn` runs: inflate streams opened (yauzl opens one per entry
 * read, through node:zlib) and bytes they put out. Work, not time: bounded on any machine.
 */
async function inflateWork<T>(fn: () => Promise<T>): Promise<{ result: T; streams: number; bytes: number }> {
  const real = zlib.createInflateRaw;
  let streams = 0;
  let bytes = 0;
  const spy = vi.spyOn(zlib, 'createInflateRaw').mockImplementation((options) => {
    streams++;
    const stream = real(options);
    stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    return stream;
  });
  try {
    return { result: await fn(), streams, bytes };
  } finally {
    spy.mockRestore();
  }
}

/**
 * `mib` MiB of zeros, deflated in a few milliseconds: deflate 1 MiB once with a sync flush (a
 * non-final block that only refers back within itself) and repeat it, then close the stream.
 */
function zeroBomb(mib: number): ZipMember['deflated'] {
  const chunk = Buffer.alloc(MiB);
  const seg = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zcrc32(chunk, crc);
  const bytes = Buffer.concat([...Array<Buffer>(mib).fill(seg), deflateRawSync(Buffer.alloc(0))]);
  return { bytes, size: mib * MiB, crc };
}

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const messages = (refused: ZipRefusal[]): string[] => refused.map((r) => r.message);
const reasons = (refused: ZipRefusal[]): string[] => refused.map((r) => r.reason);

describe('readZip', () => {
  it('lists files (not directories) and reads stored and deflated members', async () => {
    const zip = buildZip([
      { name: 'forms/', data: '' },
      { name: 'forms/a.txt', data: 'stored text', method: 0 },
      { name: 'forms/b.txt', data: '绩效目标'.repeat(100) },
    ]);
    const { entries, refused } = await readZip(zip);
    expect(refused).toEqual([]);
    expect(entries.map((e) => [e.path, e.size])).toEqual([
      ['forms/a.txt', 11],
      ['forms/b.txt', 1200],
    ]);
    expect(text(await entries[0]!.read())).toBe('stored text');
    expect(text(await entries[1]!.read())).toBe('绩效目标'.repeat(100));
    // an entry can be read again
    expect(text(await entries[0]!.read())).toBe('stored text');
  });

  it('decodes GBK names (no UTF-8 flag), UTF-8 names with or without the flag', async () => {
    const gbk = Uint8Array.from([0xbc, 0xa8, 0xd0, 0xa7, 0xc4, 0xbf, 0xb1, 0xea, 0x2e, 0x70, 0x64, 0x66]); // 绩效目标.pdf
    const zip = buildZip([
      { name: gbk, data: 'a' },
      { name: '项目支出.docx', data: 'b' }, // flagged UTF-8
      { name: Buffer.from('汇总表.md', 'utf8'), data: 'c' }, // UTF-8 bytes, no flag (7-Zip, macOS)
    ]);
    const { entries } = await readZip(zip);
    expect(entries.map((e) => e.path)).toEqual(['绩效目标.pdf', '项目支出.docx', '汇总表.md']);
  });

  it('prefers an Info-ZIP Unicode Path field to the legacy name, unless the field is stale', async () => {
    const legacy = Buffer.from('\xbc\xa8\xd0\xa7.pdf', 'latin1'); // 绩效.pdf in GBK
    const field = (name: string, crcOf: Uint8Array): Uint8Array => {
      const utf8 = Buffer.from(name, 'utf8');
      const head = Buffer.alloc(9);
      head.writeUInt16LE(0x7075, 0);
      head.writeUInt16LE(5 + utf8.length, 2);
      head.writeUInt8(1, 4);
      head.writeUInt32LE(zcrc32(crcOf), 5);
      return Buffer.concat([head, utf8]);
    };
    const zip = buildZip([
      { name: legacy, data: 'a', extra: field('绩效（新）.pdf', legacy) },
      { name: legacy, data: 'b', extra: field('改名前.pdf', Buffer.from('other')) },
    ]);
    const { entries, refused } = await readZip(zip);
    expect(entries.map((e) => e.path)).toEqual(['绩效（新）.pdf', '绩效.pdf']);
    expect(refused).toEqual([]);
  });

  it('refuses absolute paths and paths that climb out of the archive, naming them', async () => {
    const zip = buildZip([
      { name: '../evil.pdf', data: 'x' },
      { name: 'a/../../evil2.pdf', data: 'x' },
      { name: '/etc/passwd', data: 'x' },
      { name: 'C:/Windows/x.pdf', data: 'x' },
      { name: 'ok/../fine.pdf', data: 'x' },
      { name: 'win\\style\\path.pdf', data: 'x' },
    ]);
    const { entries, refused } = await readZip(zip);
    expect(entries.map((e) => e.path)).toEqual(['fine.pdf', 'win/style/path.pdf']);
    expect(reasons(refused)).toEqual(Array(4).fill('unsafe-path'));
    expect(refused.map((r) => r.entry)).toEqual(['../evil.pdf', 'a/../../evil2.pdf', '/etc/passwd', 'C:/Windows/x.pdf']);
    expect(refused[0]!.message).toMatch(/^\.\.\/evil\.pdf: refused: .*leaves the archive/);
  });

  it('refuses a bomb member from its declared sizes, inflating nothing, and lists the others', async () => {
    const bomb = zeroBomb(20);
    expect(bomb!.bytes.length).toBeLessThan(30_000);
    // enough honest, incompressible data that the archive as a whole is not over the ratio
    const noise = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24));
    const zip = buildZip([{ name: 'bomb.pdf', deflated: bomb }, { name: 'ok.pdf', data: noise, method: 0 }]);
    const { result, streams } = await inflateWork(() => readZip(zip));
    const { entries, refused } = result;
    expect(entries.map((e) => e.path)).toEqual(['ok.pdf']);
    expect(refused).toEqual([
      { reason: 'compression-ratio', entry: 'bomb.pdf', message: expect.stringMatching(/^bomb\.pdf: refused: compression ratio over 200:1/) },
    ]);
    expect(streams).toBe(0);
  });

  it('refuses a whole archive of many small, honest-looking members that inflate 1,000 times its size', async () => {
    const data = Buffer.alloc(MiB, 0x20);
    const member = { bytes: deflateRawSync(data), size: MiB, crc: zcrc32(data) };
    const zip = buildZip(Array.from({ length: 1000 }, (_, i) => ({ name: `m${i}.txt`, deflated: member })));
    const { result: err, streams } = await inflateWork(() => readZip(zip).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(ZipError);
    expect(err).toMatchObject({
      reason: 'archive-ratio',
      message: expect.stringMatching(/^the archive would inflate \d{3,4} times its size, over the 200:1 limit \(a zip bomb\?\)$/),
    });
    expect(streams).toBe(0);
  });

  it('refuses a whole archive whose entries share their data', async () => {
    const zip = Buffer.from(buildZip([{ name: 'a.txt', data: 'shared', method: 0 }, { name: 'b.txt', data: 'other', method: 0 }]));
    // point the second central entry at the first one's local header
    const cd = zip.readUInt32LE(zip.length - 6);
    const second = cd + 46 + 'a.txt'.length;
    zip.writeUInt32LE(0, second + 42);
    await expect(readZip(zip)).rejects.toMatchObject({ reason: 'overlapping-entries', message: 'entries of the archive share their data (a zip bomb?)' });
  });

  it('stops inflating a bomb that lies about its size, at the declared size', async () => {
    const zip = buildZip([{ name: 'liar.xml', deflated: { ...zeroBomb(200)!, size: 1000 } }]);
    const { entries, refused } = await readZip(zip);
    expect(refused).toEqual([]);
    const { result: err, streams, bytes } = await inflateWork(() => entries[0]!.read().catch((e: unknown) => e));
    expect(err).toBeInstanceOf(ZipError);
    expect(err).toMatchObject({ reason: 'inflates-past-size', message: expect.stringMatching(/liar\.xml inflates past its declared 1000 bytes/) });
    // stopped within a chunk or two of the declared size, not after 200 MiB
    expect(streams).toBe(1);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(MiB);
  });

  it('reads a highly compressed entry when the limits allow it', async () => {
    const zip = buildZip([{ name: 'zeros.bin', deflated: zeroBomb(20) }]);
    const { entries } = await readZip(zip, { maxRatio: Number.POSITIVE_INFINITY });
    const data = await entries[0]!.read();
    expect(data.length).toBe(20 * MiB);
  });

  it('refuses an entry over the entry limit, and a whole archive over the total', async () => {
    const zip = buildZip([
      { name: 'a.txt', data: 'a'.repeat(1000) },
      { name: 'big.txt', data: 'b'.repeat(5000) },
      { name: 'c.txt', data: 'c'.repeat(1000) },
    ]);
    const { entries, refused } = await readZip(zip, { maxEntryBytes: 4000 });
    expect(entries.map((e) => e.path)).toEqual(['a.txt', 'c.txt']);
    expect(reasons(refused)).toEqual(['entry-too-large']);
    expect(messages(refused)).toEqual([expect.stringMatching(/^big\.txt: refused: 5000 bytes inflated is over the 4000-byte limit/)]);
    await expect(readZip(zip, { maxTotalBytes: 7 * MiB - 1 })).resolves.toBeDefined();
    const large = buildZip([{ name: 'a.bin', deflated: zeroBomb(5) }, { name: 'b.bin', deflated: zeroBomb(5) }]);
    await expect(readZip(large, { maxTotalBytes: 8 * MiB, maxRatio: Infinity })).rejects.toMatchObject({
      reason: 'archive-too-large',
      message: "the archive's files add up to 10 MB inflated, over the 8 MB limit for one archive",
    });
  });

  it('refuses a whole archive with more entries than the limit, folders counted', async () => {
    const zip = buildZip([{ name: 'a/', data: '' }, { name: 'a/b.txt', data: 'b' }, { name: 'c.txt', data: 'c' }]);
    await expect(readZip(zip, { maxEntries: 3 })).resolves.toMatchObject({ refused: [] });
    await expect(readZip(zip, { maxEntries: 2 })).rejects.toMatchObject({
      reason: 'too-many-entries',
      message: 'the archive has more than 2 entries, the most one archive may hold (a zip bomb?)',
    });
  });

  it('refuses encrypted members, symbolic links and duplicate paths', async () => {
    const zip = buildZip([
      { name: 'secret.pdf', data: 'x', flags: 1 },
      { name: 'link.pdf', data: '/etc/passwd', versionMadeBy: 0x031e, externalAttributes: (0o120777 << 16) >>> 0 },
      { name: 'a.pdf', data: 'first' },
      { name: 'a.pdf', data: 'second' },
    ]);
    const { entries, refused } = await readZip(zip);
    expect(entries.map((e) => e.path)).toEqual(['a.pdf']);
    expect(text(await entries[0]!.read())).toBe('first');
    expect(reasons(refused)).toEqual(['encrypted', 'symlink', 'duplicate-path']);
    expect(messages(refused)).toEqual([
      'secret.pdf: refused: the entry is encrypted',
      'link.pdf: refused: the entry is a symbolic link',
      'a.pdf: refused: a second entry with the same path',
    ]);
  });

  it('throws InputError for a truncated archive, for bytes that are no zip and for an empty buffer', async () => {
    const zip = buildZip([{ name: 'a.txt', data: 'hello' }]);
    await expect(readZip(zip.subarray(0, zip.length - 10))).rejects.toThrow(InputError);
    await expect(readZip(zip.subarray(0, zip.length - 10))).rejects.toMatchObject({ reason: 'damaged-archive' });
    await expect(readZip(new TextEncoder().encode('%PDF-1.7 not a zip'))).rejects.toThrow(/not a zip archive/);
    await expect(readZip(new Uint8Array())).rejects.toThrow(InputError);
  });

  it('throws InputError when reading an entry whose data is damaged', async () => {
    const zip = buildZip([{ name: 'a.txt', data: 'hello hello hello hello' }]);
    const bad = zip.slice();
    bad[30 + 'a.txt'.length] = 0xff; // first byte of the deflate stream: an invalid block type
    const { entries } = await readZip(bad);
    await expect(entries[0]!.read()).rejects.toThrow(InputError);
    await expect(entries[0]!.read()).rejects.toMatchObject({ reason: 'damaged-entry' });
  });
});

describe('entry names', () => {
  it('normalises paths and refuses escaping ones', () => {
    expect(normaliseEntryPath('a/./b//c.pdf')).toBe('a/b/c.pdf');
    expect(normaliseEntryPath('a\\b.pdf')).toBe('a/b.pdf');
    expect(normaliseEntryPath('a/../b.pdf')).toBe('b.pdf');
    for (const bad of ['../x', '/x', '//host/x', 'C:x', 'c:/x', 'a/../../x', 'a\0b', '.', '']) {
      expect(normaliseEntryPath(bad)).toBeNull();
    }
  });

  it('decodes name bytes: UTF-8 flag, valid UTF-8, else GB18030', () => {
    const gbk = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文
    expect(decodeNameBytes(gbk, false)).toBe('中文');
    expect(decodeNameBytes(Buffer.from('中文', 'utf8'), false)).toBe('中文');
    expect(decodeNameBytes(Buffer.from('中文', 'utf8'), true)).toBe('中文');
    expect(decodeNameBytes(Buffer.from('plain.txt'), false)).toBe('plain.txt');
  });
});
