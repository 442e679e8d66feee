import { lineRow, MAX_ROW_CELLS, wideLine } from '../model/build.js';
import type { Block, Extracted, Row } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Markdown pipe tables (GitHub style, as document converters write them). Lines of a table start
 * or end with `|`; the `|---|` separator line is dropped; `<br>` in a cell is a line break.
 * Other non-blank lines are paragraphs, with heading marks and emphasis removed.
 */
export function extractMarkdown(text: string, encoding: string): Extracted {
  const blocks: Block[] = [];
  const warnings: Warning[] = [];
  let table: Row[] | null = null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((src, i) => {
    const line = i + 1;
    const trimmed = src.trim();
    if (isTableLine(trimmed)) {
      if (SEPARATOR.test(trimmed)) return;
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table, page: null });
      }
      const cells = splitPipes(trimmed, MAX_ROW_CELLS);
      if (!cells) {
        const wide = wideLine(trimmed, line);
        blocks.push(wide.block);
        warnings.push(wide.warning);
        table = null;
        return;
      }
      table.push(lineRow(cells.map((t) => t.replace(/<br\s*\/?>/gi, '\n').trim()), line));
      return;
    }
    table = null;
    if (trimmed === '') return;
    const para = trimmed
      .replace(/^#{1,6}\s+/, '')
      .replace(/^>\s?/, '')
      .replace(/\*\*(.+?)\*\*|__(.+?)__/g, '$1$2')
      .trim();
    if (para) blocks.push({ kind: 'paragraph', text: para, page: null, line });
  });
  return { format: 'markdown', pages: null, encoding, blocks, warnings };
}

export function isTableLine(trimmed: string): boolean {
  return trimmed.length > 1 && (trimmed.startsWith('|') || (trimmed.endsWith('|') && trimmed.includes('|', 0)));
}

/**
 * Split on unescaped pipes, dropping the empty edges of `| a | b |`; null past `max` cells. Cells
 * are slices of the line, not built a character at a time: a line can be tens of megabytes.
 */
function splitPipes(line: string, max: number): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let from = 0;
  for (let k = line.indexOf('|'); k >= 0; k = line.indexOf('|', k + 1)) {
    if (line[k - 1] === '\\') {
      cell += line.slice(from, k - 1) + '|';
    } else {
      // the leading edge of `| a |` is not a cell, and does not count
      if (cells.length > max) return null;
      cells.push(cell + line.slice(from, k));
      cell = '';
    }
    from = k + 1;
  }
  cells.push(cell + line.slice(from));
  if (line.startsWith('|')) cells.shift();
  if (line.endsWith('|') && !line.endsWith('\\|')) cells.pop();
  return cells.length > max ? null : cells;
}
