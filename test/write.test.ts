import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatOfFile, OUTPUT_FORMATS, TABLES, writeDocuments, writerFor } from '../src/write/index.js';
import { defuseFormula } from '../src/write/csv.js';
import { parseFixture } from './helpers/expected.js';

describe('writers', () => {
  it('CSV: BOM in files only, one header, CRLF, every cell as the table gives it', async () => {
    const docs = [await parseFixture('html/mof-form.html'), await parseFixture('markdown/shanghai-form.md')];
    const writer = writerFor({ format: 'csv', table: 'indicators', csvRaw: true });
    const file = (await writeDocuments(writer, docs, 'file')) as string;
    const stream = (await writeDocuments(writer, docs, 'stream')) as string;
    expect(file).toBe('\uFEFF' + stream);
    expect(stream.startsWith('source,form,year,project,')).toBe(true);
    expect(stream.endsWith('\r\n')).toBe(true);
    const records = parseCsv(stream, { relax_column_count: false }) as string[][];
    const table = TABLES.indicators;
    expect(records[0]).toEqual(table.columns);
    const rows = docs.flatMap((d) => table.rows(d)).map((r) => r.map((c) => (c === null ? '' : String(c))));
    expect(records.slice(1)).toEqual(rows);
    expect(rows.length).toBe(docs.reduce((n, d) => n + d.forms.reduce((k, f) => k + f.indicators.length, 0), 0));
    expect(rows.length).toBeGreaterThan(5);
    // by default, the same cells with those a spreadsheet would run as formulas defused
    const safe = (await writeDocuments(writerFor({ format: 'csv', table: 'indicators' }), docs, 'stream')) as string;
    const defused = rows.map((r) => r.map(defuseFormula));
    expect((parseCsv(safe) as string[][]).slice(1)).toEqual(defused);
    expect(defused).not.toEqual(rows);
  });

  it('CSV quotes commas and quotes inside cells', async () => {
    const doc = await parseFixture('html/mof-form.html');
    const tricky = { ...doc, source: { ...doc.source, path: 'a "quoted", path.pdf' } };
    const text = (await writeDocuments(writerFor({ format: 'csv', table: 'forms' }), [tricky], 'stream')) as string;
    expect(text.split('\r\n')[1]!.startsWith('"a ""quoted"", path.pdf",1,')).toBe(true);
  });

  it('JSON holds one document per file; ndjson one line per document', async () => {
    const doc = await parseFixture('html/mof-form.html');
    const json = (await writeDocuments(writerFor({ format: 'json' }), [doc], 'file')) as string;
    expect(JSON.parse(json)).toEqual(doc);
    expect(json).toBe(JSON.stringify(doc, null, 2) + '\n');
    await expect(writeDocuments(writerFor({ format: 'json' }), [doc, doc], 'file')).rejects.toThrow(/one document/);
    const lines = (await writeDocuments(writerFor({ format: 'ndjson' }), [doc, doc], 'stream')) as string;
    expect(lines.split('\n').map((l) => (l ? JSON.parse(l) : null))).toEqual([doc, doc, null]);
  });

  it('knows every format by name, and which a file name implies by its extension', () => {
    expect(OUTPUT_FORMATS).toEqual(['json', 'csv', 'ndjson', 'xlsx']);
    expect(formatOfFile('out/2023.CSV')).toBe('csv');
    expect(formatOfFile('out/2023.json')).toBe('json');
    expect(formatOfFile('out/2023.jsonl')).toBe('ndjson');
    expect(formatOfFile('out/2023.xlsx')).toBe('xlsx');
    expect(formatOfFile('out/2023.tsv')).toBeNull();
    expect(formatOfFile('.csv')).toBeNull(); // a hidden file with no extension
  });
});
