import { zipBytes } from './zip.js';

/** A cell of a sheet: text, a number, or empty. */
export type SheetCell = string | number | null;

/** A sheet's name and header row of column names. */
export interface SheetHead {
  name: string;
  columns: readonly string[];
  /** Columns holding money in 元: shown with separators, two decimals and the unit. */
  money?: readonly string[];
}

/** One sheet: a header row of column names, then the rows. */
export interface SheetSpec extends SheetHead {
  rows: readonly SheetCell[][];
}

/** The document properties' dates (zip.ts fixes the members' times): the same bytes for the same sheets. */
const FIXED_TIME = '2000-01-01T00:00:00Z';
const MONEY_FORMAT = '#,##0.00"元"';
const HEADER_FILL = 'FFDDEBF7';
const WIDTH = { min: 6, max: 60 };
/** Rows looked at to size a column: enough to see what a column holds, bounded for big batches. */
const SIZING_ROWS = 2000;

/**
 * An .xlsx workbook of the given sheets, as bytes. Cells keep their types (numbers are numbers,
 * text such as "=365(天)" is text, never a formula); each sheet has a bold, shaded header row that
 * stays in view when scrolling, an autofilter over its columns and widths fitted to the content
 * (a CJK character counts two). Pure: no clock, no file system — the same sheets give the same bytes.
 */
export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  const book = new Workbook(sheets);
  sheets.forEach((sheet, i) => book.add(i, sheet.rows));
  return book.bytes();
}

/**
 * A workbook written as its rows come (a batch adds each document's as it is written), in
 * SpreadsheetML: the package is a few fixed parts and one part per sheet. A workbook library
 * built a model of every cell and deflated in JavaScript; that took 0.7 s of a nine-budget
 * batch's 5.5 s, after the last document (docs/performance.md).
 */
export class Workbook {
  private readonly strings = new SharedStrings();
  private readonly sheets: SheetBody[];

  constructor(heads: readonly SheetHead[]) {
    this.sheets = heads.map((head) => new SheetBody(head, this.strings));
  }

  /** Rows appended to sheet `sheet` (an index into the heads). */
  add(sheet: number, rows: readonly SheetCell[][]): void {
    const body = this.sheets[sheet];
    if (!body) throw new Error(`no sheet ${sheet}`);
    for (const row of rows) body.add(row);
  }

  bytes(): Uint8Array {
    const heads = this.sheets.map((s) => s.head);
    const sheetXml = this.sheets.map((s) => s.xml());
    return zipBytes([
      { name: '[Content_Types].xml', data: contentTypes(heads.length) },
      { name: '_rels/.rels', data: PACKAGE_RELS },
      { name: 'docProps/app.xml', data: APP_PROPS },
      { name: 'docProps/core.xml', data: CORE_PROPS },
      { name: 'xl/workbook.xml', data: workbook(heads) },
      { name: 'xl/_rels/workbook.xml.rels', data: workbookRels(heads.length) },
      { name: 'xl/styles.xml', data: STYLES },
      { name: 'xl/sharedStrings.xml', data: this.strings.xml() },
      ...sheetXml.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
    ]);
  }
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Characters XML cannot hold: controls other than tab and line ends, unpaired surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cell styles: indices into styles.xml's cellXfs. */
const STYLE = { header: 1, money: 2, wrapped: 3 } as const;

const STYLES =
  `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="${escapeXml(MONEY_FORMAT, true)}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="${HEADER_FILL}"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const PACKAGE_RELS =
  `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const APP_PROPS = `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ptarget</Application></Properties>`;

const CORE_PROPS =
  `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
  '<dc:creator>ptarget</dc:creator><cp:lastModifiedBy>ptarget</cp:lastModifiedBy>' +
  `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_TIME}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_TIME}</dcterms:modified></cp:coreProperties>`;

function contentTypes(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`);
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheets.join('')}` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
  );
}

function workbook(sheets: readonly SheetHead[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name, true)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  // each autofilter's range under the name Excel gives it
  const names = sheets.flatMap((s, i) => {
    if (!s.columns.length) return [];
    const range = `'${s.name.replaceAll("'", "''")}'!$A$1:$${columnName(s.columns.length - 1)}$1`;
    return [`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(range, false)}</definedName>`];
  });
  return (
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${list.join('')}</sheets>` +
    `${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}</workbook>`
  );
}

function workbookRels(sheetCount: number): string {
  const rels = Array.from({ length: sheetCount }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  return (
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheetCount + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
  );
}

/** A sheet's XML, row by row, and its columns' widths, sized by the first SIZING_ROWS rows. */
class SheetBody {
  private readonly money: Set<number>;
  private readonly rows: string[] = [];
  private readonly widest: number[];

  constructor(
    readonly head: SheetHead,
    private readonly strings: SharedStrings,
  ) {
    this.money = new Set(
      (head.money ?? []).map((name) => {
        const c = head.columns.indexOf(name);
        if (c < 0) throw new Error(`sheet ${head.name}: no column ${name}`);
        return c;
      }),
    );
    this.widest = head.columns.map((name) => displayWidth(name) + 3); // room for the autofilter button
    const cells = head.columns.map((name, c) => `<c r="${columnName(c)}1" s="${STYLE.header}" t="s"><v>${strings.index(name)}</v></c>`);
    this.rows.push(`<row r="1">${cells.join('')}</row>`);
  }

  add(row: readonly SheetCell[]): void {
    const r = this.rows.length + 1;
    const sizing = r <= SIZING_ROWS + 1;
    let cells = '';
    row.forEach((v, c) => {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return;
      if (sizing && c < this.widest.length) this.size(c, typeof v === 'number' ? moneyText(v) + '元' : v);
      const ref = `${columnName(c)}${r}`;
      if (typeof v === 'number') cells += `<c r="${ref}"${this.money.has(c) ? ` s="${STYLE.money}"` : ''}><v>${v}</v></c>`;
      else cells += `<c r="${ref}"${v.includes('\n') ? ` s="${STYLE.wrapped}"` : ''} t="s"><v>${this.strings.index(v)}</v></c>`;
    });
    this.rows.push(`<row r="${r}">${cells}</row>`);
  }

  xml(): string {
    const { columns } = this.head;
    const last = columns.length ? columnName(columns.length - 1) : 'A';
    const cols = this.widest.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(WIDTH.max, Math.max(WIDTH.min, w))}" customWidth="1"/>`);
    return (
      `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${last}${this.rows.length}"/>` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/>${cols.length ? `<cols>${cols.join('')}</cols>` : ''}<sheetData>${this.rows.join('')}</sheetData>` +
      `${columns.length ? `<autoFilter ref="A1:${last}1"/>` : ''}</worksheet>`
    );
  }

  /** Widens column c to the longest line of `text`. */
  private size(c: number, text: string): void {
    for (const line of text.split('\n')) this.widest[c] = Math.max(this.widest[c]!, displayWidth(line) + 1);
  }
}

/** The workbook's text, each distinct string once; cells refer to it by index. */
class SharedStrings {
  private readonly ids = new Map<string, number>();
  private uses = 0;

  index(text: string): number {
    this.uses++;
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = this.ids.size));
    return id;
  }

  xml(): string {
    const items: string[] = [];
    for (const text of this.ids.keys()) {
      const body = escapeXml(text, false);
      items.push(/^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${body}</t></si>` : `<si><t>${body}</t></si>`);
    }
    return `${XML_DECL}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.ids.size}">${items.join('')}</sst>`;
  }
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnName(c: number): string {
  let name = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Text as XML character data, or as an attribute value. What XML cannot hold is left out; a
 * carriage return (which an XML reader turns into a line feed) is Excel's escape _x000D_, and the
 * underscore of a literal "_xHHHH_" is escaped so that a reader does not take it for such an escape.
 */
function escapeXml(text: string, attribute: boolean): string {
  return text
    .replace(NOT_XML, '')
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/\r/g, '_x000D_')
    .replace(attribute ? /[&<>"]/g : /[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Shown two cells wide: Hangul Jamo, CJK, Hangul syllables, compatibility ideographs and forms, full-width forms (all in the BMP). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * Display width of text in character cells: CJK and full-width forms take two, any other character
 * (a surrogate pair is one) one. By code unit: a regex per character was 3-7x slower, most of sizing
 * a batch's columns.
 */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

/**
 * A number as a money cell shows it (360,000 → "360,000", 1234.5 → "1,234.5"), to size its column.
 * Not Intl.NumberFormat: creating one loads ICU's number data, ~7 MB of every process that loads
 * this module, whether or not it writes a workbook.
 */
function moneyText(v: number): string {
  const [whole = '', fraction] = Math.abs(v).toFixed(2).replace(/\.?0+$/, '').split('.');
  return `${v < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}
