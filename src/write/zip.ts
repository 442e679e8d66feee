import { crc32, deflateRawSync } from 'node:zlib';

/** A file to put in a zip archive: its path inside the archive, and its bytes or text (UTF-8). */
export interface ZipMember {
  name: string;
  data: Uint8Array | string;
}

/** Every member's time, in MS-DOS form: 2000-01-01 00:00, so that the same members give the same bytes. */
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** General-purpose flag bit 11: the names are UTF-8. */
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const STORE = 0;
/** Past this, a size or offset needs Zip64, which this writer does not do. */
const MAX_32 = 0xffffffff;

/**
 * A zip archive of the members, in the order given: each deflated by zlib (stored when that does
 * not make it smaller), with a fixed time and no extra fields. Pure, and the same members always
 * give the same bytes. For the packages ptarget writes (an .xlsx), so no Zip64: an archive past
 * 4 GB is refused.
 */
export function zipBytes(members: readonly ZipMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const raw = typeof m.data === 'string' ? Buffer.from(m.data, 'utf8') : m.data;
    const deflated = deflateRawSync(raw, { level: 6 });
    const method = deflated.length < raw.length ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : raw;
    const crc = crc32(raw);
    if (raw.length > MAX_32 || offset > MAX_32) throw new Error(`zip: ${m.name} is past the 4 GB a zip without Zip64 can hold`);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(UTF8_NAMES, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42); // extra, comment, disk, attributes: all 0
    central.push(entry, name);

    parts.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX_32 || members.length > 0xffff) throw new Error('zip: the archive is past what a zip without Zip64 can hold');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
