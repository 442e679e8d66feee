import { deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests, with the control real writers refuse to give: raw name bytes
 * (GBK without the UTF-8 flag), "../" paths, sizes that lie, chosen attributes.
 */
export interface ZipMember {
  /** A string is written as UTF-8 with the UTF-8 flag when not ASCII; bytes are written as given. */
  name: string | Uint8Array;
  data?: Uint8Array | string;
  /** Already-deflated data (with `size` the inflated size): to write large members cheaply. */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  method?: 0 | 8;
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number;
  flags?: number;
  versionMadeBy?: number;
  externalAttributes?: number;
  /** Raw extra field bytes (id, length, data…), in both headers. */
  extra?: Uint8Array;
}

export function buildZip(members: readonly ZipMember[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = typeof m.name === 'string' ? Buffer.from(m.name, 'utf8') : Buffer.from(m.name);
    const utf8 = typeof m.name === 'string' && /[^\x00-\x7f]/.test(m.name);
    const flags = (m.flags ?? 0) | (utf8 ? 0x800 : 0);
    const data = typeof m.data === 'string' ? Buffer.from(m.data, 'utf8') : Buffer.from(m.data ?? new Uint8Array());
    const method = m.deflated ? 8 : (m.method ?? 8);
    const body = m.deflated ? Buffer.from(m.deflated.bytes) : method === 8 ? deflateRawSync(data) : data;
    const crc = m.deflated ? m.deflated.crc : crc32(data);
    const size = m.declaredSize ?? (m.deflated ? m.deflated.size : data.length);
    const extra = Buffer.from(m.extra ?? new Uint8Array());
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(m.versionMadeBy ?? 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(m.externalAttributes ?? 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + extra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array, seed = 0): number {
  let c = ~seed >>> 0;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
