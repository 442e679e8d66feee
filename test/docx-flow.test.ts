import { describe, expect, it } from 'vitest';
import { restoreTables } from '../src/extract/docx/flow.js';
import type { Block, TableBlock } from '../src/model/intermediate.js';

const table: TableBlock = {
  kind: 'table',
  rows: [{ cells: [{ text: 'a', col: 0, rowSpan: 1, colSpan: 1, page: null, line: null, bbox: null }], page: null, line: null }],
  page: null,
};
const para = (text: string): Block => ({ kind: 'paragraph', text, page: null, line: null });

describe('DOCX flow markers', () => {
  it('puts tables back where their markers are, even inside a paragraph, and drops empty tables', () => {
    const empty: TableBlock = { kind: 'table', rows: [], page: null };
    const tables = new Map([['0.0', table], ['1.0', empty]]);
    const blocks = [para('标题'), para('\uE0000.0\uE001'), para('前 \uE0001.0\uE001 后')];
    expect(restoreTables(blocks, tables)).toEqual([para('标题'), table, para('前'), para('后')]);
  });

});
