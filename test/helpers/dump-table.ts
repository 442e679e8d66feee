import type { Block, Extracted } from '../../src/model/intermediate.js';

/**
 * Intermediate documents written the way a table dump prints them, one row a line:
 * `p3 | [0v2] 单位编码 | [1+2] 其中： | [3] 资金总额` — page, then cells as `[col(+colSpan)(vRowSpan)] text`
 * (`⏎` for a line break inside a cell). A line `P p3: text` is a paragraph; a line `T` starts a new table.
 */
export function fromDump(dump: string): Extracted {
  const blocks: Block[] = [];
  let table: Extract<Block, { kind: 'table' }> | null = null;
  for (const line of dump.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const para = /^P p(\d+): (.*)$/.exec(line);
    if (para) {
      blocks.push({ kind: 'paragraph', text: para[2]!, page: Number(para[1]), line: null });
      table = null;
      continue;
    }
    if (line === 'T') {
      table = null;
      continue;
    }
    const [pageTag, ...cellTags] = line.split(' | ');
    const page = Number(/^p(\d+)$/.exec(pageTag!)![1]);
    const cells = cellTags.map((tag) => {
      const m = /^\[(\d+)(?:\+(\d+))?(?:v(\d+))?\] ?(.*)$/.exec(tag)!;
      return {
        text: m[4]!.replace(/⏎/g, '\n'),
        col: Number(m[1]),
        colSpan: Number(m[2] ?? 1),
        rowSpan: Number(m[3] ?? 1),
        page,
        line: null,
        bbox: null,
      };
    });
    if (!table) {
      table = { kind: 'table', rows: [], page };
      blocks.push(table);
    }
    table.rows.push({ cells, page, line: null });
  }
  return { format: 'pdf', pages: null, encoding: null, blocks, warnings: [] };
}
