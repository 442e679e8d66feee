import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, WriteError } from '../io/atomic.js';
import { type StreamWriter, streamWriterFor, TABLE_NAMES, type WriterSpec } from '../write/index.js';
import { type Manifest, manifestJson } from './manifest.js';
import { MANIFEST, TABLE_FILES, WORKBOOK } from './names.js';
import { BatchWorkbook } from './workbook.js';

/**
 * Where a batch's documents go, given in input order. Each document arrives as its parts: one
 * writer.part() per entry of `outputs`, rendered in a worker; the output adds the writers' heads
 * and tails, so the bytes are those the writers give for all the documents at once.
 */
export interface BatchOutput {
  readonly outputs: readonly WriterSpec[];
  start(): Promise<void>;
  /** A document: converted in this run (`fresh`), or kept from the last one (its JSON is already there). */
  add(parts: readonly string[], name: string | null, fresh: boolean): Promise<void>;
  /** An input that failed; `name` is its per-input file, if it has one. */
  failed(name: string | null): Promise<void>;
  finish(manifest: Manifest): Promise<void>;
  /** Files that could not be written (a full disk …), and why: the batch goes on without them. */
  readonly unwritten: { files: string[]; why: string | null };
}

/**
 * `-o DIR/`: one JSON file per input, one CSV file per table, workbook.xlsx with the same tables and
 * the manifest's list of inputs, and manifest.json.
 */
export class FolderOutput implements BatchOutput {
  readonly outputs: WriterSpec[];
  private readonly json: StreamWriter;
  private readonly tables: StreamWriter[];
  private readonly rows: Buffer[][] = TABLE_NAMES.map(() => []);
  private readonly workbook = new BatchWorkbook();
  readonly unwritten: { files: string[]; why: string | null } = { files: [], why: null };

  constructor(
    private readonly dir: string,
    csvRaw = false,
  ) {
    this.outputs = [{ format: 'json' }, ...TABLE_NAMES.map((table): WriterSpec => ({ format: 'csv', table, csvRaw }))];
    [this.json, ...this.tables] = this.outputs.map(streamWriterFor) as [StreamWriter, ...StreamWriter[]];
  }

  async start(): Promise<void> {}

  async add([json, ...rows]: readonly string[], name: string | null, fresh: boolean): Promise<void> {
    const file = this.file(name!);
    if (fresh) await this.write(file, this.json.head('file') + json! + this.json.tail('file'));
    rows.forEach((r, t) => this.rows[t]!.push(Buffer.from(r, 'utf8')));
    // the workbook holds the documents whose JSON file is there: not one a full disk kept out
    if (!this.unwritten.files.includes(file)) this.workbook.add(json!);
  }

  async failed(name: string | null): Promise<void> {
    // A stale JSON from an earlier run must not outlive the input's failure.
    if (name) await rm(this.file(name), { force: true });
  }

  async finish(manifest: Manifest): Promise<void> {
    for (const [t, table] of TABLE_NAMES.entries()) {
      const w = this.tables[t]!;
      const bytes = [Buffer.from(w.head('file'), 'utf8'), ...this.rows[t]!, Buffer.from(w.tail('file'), 'utf8')];
      await this.write(join(this.dir, TABLE_FILES[table]), Buffer.concat(bytes));
    }
    await this.write(join(this.dir, WORKBOOK), this.workbook.bytes(manifest));
    await this.write(join(this.dir, MANIFEST), manifestJson(manifest));
  }

  private async write(path: string, data: string | Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(path, data);
    } catch (err) {
      // the disk's failure (full, read-only …), not ptarget's: the batch goes on and names the file
      if (!(err instanceof WriteError)) throw err;
      this.unwritten.files.push(path);
      this.unwritten.why ??= err.why;
    }
  }

  private file(name: string): string {
    return join(this.dir, ...name.split('/'));
  }
}

/** No `-o`: one format (ndjson, or a CSV table) streamed to stdout as documents come. */
export class StreamOutput implements BatchOutput {
  readonly outputs: WriterSpec[];
  readonly unwritten = { files: [] as string[], why: null };
  private readonly writer: StreamWriter;

  constructor(
    spec: WriterSpec,
    private readonly stream: NodeJS.WritableStream,
  ) {
    this.outputs = [spec];
    this.writer = streamWriterFor(spec);
  }

  start(): Promise<void> {
    return this.write(this.writer.head('stream'));
  }

  add([part]: readonly string[]): Promise<void> {
    return this.write(part!);
  }

  async failed(): Promise<void> {}

  finish(): Promise<void> {
    return this.write(this.writer.tail('stream'));
  }

  private async write(s: string): Promise<void> {
    if (s && !this.stream.write(s)) await once(this.stream, 'drain');
  }
}
