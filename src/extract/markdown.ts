import { lineRow } from '../model/build.js';
import type { Block, Extracted, Row } from '../model/intermediate.js';

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Markdown pipe tables (GitHub style, as document converters write them). Lines of a table start
 * or end with `|`; the `|---|` separator line is dropped; `<br>` in a cell is a line break.
 * Other non-blank lines are paragraphs, with heading marks and emphasis removed.
 */
export function extractMarkdown(text: string, encoding: string): Extracted {
  const blocks: Block[] = [];
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
      table.push(lineRow(splitPipes(trimmed).map((t) => t.replace(/<br\s*\/?>/gi, '\n').trim()), line));
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
  return { format: 'markdown', pages: null, encoding, blocks, warnings: [] };
}

export function isTableLine(trimmed: string): boolean {
  return trimmed.length > 1 && (trimmed.startsWith('|') || (trimmed.endsWith('|') && trimmed.includes('|', 0)));
}

/** Split on unescaped pipes, dropping the empty edges of `| a | b |`. */
function splitPipes(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '\\' && line[k + 1] === '|') {
      cur += '|';
      k++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  cells.push(cur);
  if (line.startsWith('|')) cells.shift();
  if (line.endsWith('|') && !line.endsWith('\\|')) cells.pop();
  return cells;
}
