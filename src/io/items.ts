import { InputError } from '../errors.js';
import { readInput } from './read.js';
import { readZip, type ZipEntry } from './zip.js';
import type { Item } from './inputs.js';

/**
 * Reads the bytes of file and archive-member items. Members of one archive come one after another
 * in the input order, so one open archive at a time is enough: memory holds a single archive, not
 * all of them.
 */
export class ItemReader {
  private open: { archive: string; entries: Promise<Map<string, ZipEntry>> } | null = null;

  async read(item: Exclude<Item, { kind: 'refused' }>): Promise<Uint8Array> {
    if (item.kind === 'file') return readInput(item.file);
    const entries = await this.archive(item.archive);
    const entry = entries.get(item.member);
    if (!entry) throw new InputError('no longer in the archive (did it change during the batch?)');
    return entry.read();
  }

  private archive(file: string): Promise<Map<string, ZipEntry>> {
    if (this.open?.archive !== file) {
      const entries = readInput(file)
        .then((bytes) => readZip(bytes))
        .then((listing) => new Map(listing.entries.map((e) => [e.path, e])));
      this.open = { archive: file, entries };
    }
    return this.open.entries;
  }
}
