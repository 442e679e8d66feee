import { hex as dingbatHex } from 'dingbat-to-unicode';
import { contentChildren, foldedRow, rowCells, tableRows } from './structure.js';
import { child, elements, inNs, is, textOf, type XmlElement } from './xml.js';

/**
 * Cell text from WordprocessingML, normalised as the HTML extractor does for `<td>`: one line per
 * paragraph or hard break (w:br, w:cr), runs of spaces and tabs collapsed, empty lines dropped.
 * A table nested in the cell contributes its cells' lines in reading order, as a nested HTML
 * table would; text boxes (VML, as mammoth reads them) follow their anchor paragraph.
 */
export function cellText(tc: XmlElement): string {
  const lines: string[] = [];
  blockLines(tc, lines);
  return lines.join('\n');
}

function blockLines(container: XmlElement, out: string[]): void {
  for (const c of contentChildren(container)) {
    if (is(c, 'w', 'p')) paragraphLines(c, out);
    else if (is(c, 'w', 'tbl')) {
      for (const tr of tableRows(c)) {
        const folded = foldedRow(tr);
        if (folded) for (const cell of folded.cells) out.push(...(cell.text ? cell.text.split('\n') : []));
        else for (const tc of rowCells(tr)) blockLines(tc, out);
      }
    }
  }
}

function paragraphLines(p: XmlElement, out: string[]): void {
  const boxes: XmlElement[] = [];
  const raw = inlineText(p, boxes);
  // most paragraphs are one line with no space or tab to collapse
  const lines = BREAK_OR_SPACE.test(raw) ? raw.split('\n').map((line) => line.replace(/[ \t\r\n\f]+/g, ' ').trim()) : [raw.trim()];
  for (const t of lines) if (t) out.push(t);
  for (const box of boxes) blockLines(box, out);
}

const BREAK_OR_SPACE = /[ \t\r\n\f]/;

/** Inline containers whose children are read as if they were in place. */
const INLINE_WRAPPERS = new Set(['r', 'hyperlink', 'smartTag', 'customXml', 'ins', 'moveTo', 'fldSimple', 'dir', 'bdo']);

/** The text of a paragraph's runs, with "\n" for hard breaks; text boxes are collected apart. */
function inlineText(el: XmlElement, boxes: XmlElement[]): string {
  let s = '';
  for (const c of elements(el)) {
    if (is(c, 'mc', 'AlternateContent')) {
      // the Fallback (VML) is what mammoth reads; the Choice repeats it as DrawingML
      const fallback = child(c, 'mc', 'Fallback');
      if (fallback) s += inlineText(fallback, boxes);
      continue;
    }
    if (inNs(c, 'v') || is(c, 'w', 'pict') || is(c, 'w', 'object')) {
      collectTextBoxes(c, boxes);
      continue;
    }
    if (!inNs(c, 'w')) continue;
    if (INLINE_WRAPPERS.has(c.name)) s += inlineText(c, boxes);
    else if (c.name === 'sdt') s += inlineText(child(c, 'w', 'sdtContent') ?? c, boxes);
    else if (c.name === 'ruby') s += inlineText(child(c, 'w', 'rubyBase') ?? c, boxes);
    else if (c.name === 't') s += textOf(c);
    else if (c.name === 'tab' || c.name === 'ptab') s += '\t';
    else if (c.name === 'br' || c.name === 'cr') s += '\n';
    else if (c.name === 'noBreakHyphen') s += '-';
    else if (c.name === 'sym') s += symbol(c);
    // w:del, w:moveFrom, w:instrText, w:delText, w:rPr, w:drawing…: not visible text, or not read by mammoth
  }
  return s;
}

function collectTextBoxes(el: XmlElement, boxes: XmlElement[]): void {
  for (const c of elements(el)) {
    if (is(c, 'w', 'txbxContent')) boxes.push(c);
    else collectTextBoxes(c, boxes);
  }
}

/** w:sym: a character of a symbol font (Wingdings check boxes), mapped to Unicode as mammoth does. */
function symbol(sym: XmlElement): string {
  const font = sym.attrs['font'] ?? '';
  const code = sym.attrs['char'] ?? '';
  const mapped = dingbatHex(font, code) ?? (/^F0[0-9A-F]{2}$/i.test(code) ? dingbatHex(font, code.slice(2)) : undefined);
  if (mapped) return mapped.string;
  const n = Number.parseInt(code, 16);
  // F000-F0FF is the symbol-font private range: meaningless without the font
  const ok = Number.isFinite(n) && n > 0x1f && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) && (n < 0xf000 || n > 0xf0ff);
  return ok ? String.fromCodePoint(n) : '';
}
