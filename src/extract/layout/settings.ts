/**
 * The table finder's tolerances in one place. Lengths are in page points or, where the name says
 * so, in ems of the text concerned (so that they scale with the page's own type). The defaults
 * are what every reader uses; a caller may pass other values to layoutPage and stitchPages, for
 * instance to try a tolerance on a new kind of document without editing the finder.
 */
export interface LayoutSettings {
  readonly lines: LineSettings;
  readonly page: PageSettings;
  readonly ruled: RuledSettings;
  readonly borderless: BorderlessSettings;
  readonly stitch: StitchSettings;
}

/** Glyphs into lines (lines.ts). */
export interface LineSettings {
  /** Glyphs whose baselines are less than this many ems apart sit on one line. */
  readonly baselineEms: number;
  /** The same character drawn again within this many ems (along and across the line) is a fake-bold copy. */
  readonly duplicateEms: number;
}

/** Tables and paragraphs on one page (page.ts). */
export interface PageSettings {
  /** A gap this many ems wide splits a line outside tables into separate paragraphs. */
  readonly paragraphGapEms: number;
  /** A lone ruled box covering at least this share of the page is a frame round the text, not a table. */
  readonly frameShare: number;
}

/** Ruled tables from ruling segments (ruled-grid.ts). */
export interface RuledSettings {
  /** Lines closer than this (points) across their length are the same line (double borders too). */
  readonly snap: number;
  /** Collinear pieces with a gap up to this are one line; a line ending this short of another still meets it. */
  readonly join: number;
  /** A line shorter than this is not a ruling (dots, corner pieces). */
  readonly minLength: number;
  /** A boundary between two atomic cells is drawn when lines cover this share of it. */
  readonly covered: number;
  /** Beyond this many horizontal × vertical lines a page is a drawing, not a table (and too slow to pair up). */
  readonly maxPairs: number;
}

/** Tables drawn without rulings, from where the text sits (borderless.ts). */
export interface BorderlessSettings {
  /** Pieces of a line this many ems apart are separate cells. */
  readonly cellGapEms: number;
  /** Left (or right) edges within this many points are one column edge. */
  readonly edgeTol: number;
  /** A run of lines belongs together while the blank between two lines is under this many ems. */
  readonly lineGapEms: number;
  /** …or up to this many times the page's own row pitch (the median blank between lines that break into cells)… */
  readonly rowGapFactor: number;
  /** …but never more than this many ems, however loosely the page is set. */
  readonly maxLineGapEms: number;
  /** A run of lines goes on through at most this many lines in a row that do not break into pieces. */
  readonly maxPlainLines: number;
  /** A line this many ems or less below a row may wrap that row's cells. */
  readonly wrapGapEms: number;
  /** A cell's last line ending within this many ems of its column's limit filled the column (its text wraps). */
  readonly fullLineEms: number;
  /** First look for padded cells and merged labels (aligned.ts). */
  readonly alignedCells: boolean;
  /** A cell's wrapped line must sit flush or centred under the line above (text on a character grid, where every line is set as close as a wrap). */
  readonly alignedWraps: boolean;
}

/** Tables continued over page breaks (stitch.ts). */
export interface StitchSettings {
  /** Column edges this close (points) are the same edge on two pages. */
  readonly edgeTol: number;
  /** Running headers and footers sit in this share of the page at the top and bottom. */
  readonly margin: number;
  /** Text in the margins longer than this (characters) is content, not a running header or footer. */
  readonly marginChars: number;
  /** A table's first rows that a later page may repeat as its header. */
  readonly headerRows: number;
  /** …grown to this many when a cell merged down would be cut. */
  readonly maxHeaderRows: number;
}

export const DEFAULT_LAYOUT_SETTINGS: LayoutSettings = {
  lines: { baselineEms: 0.4, duplicateEms: 0.3 },
  page: { paragraphGapEms: 3, frameShare: 0.25 },
  ruled: { snap: 2, join: 3, minLength: 3, covered: 0.5, maxPairs: 4_000_000 },
  borderless: { cellGapEms: 0.9, edgeTol: 3, lineGapEms: 1.6, rowGapFactor: 1.3, maxLineGapEms: 3, maxPlainLines: 3, wrapGapEms: 0.8, fullLineEms: 1.2, alignedCells: true, alignedWraps: false },
  stitch: { edgeTol: 3, margin: 0.08, marginChars: 40, headerRows: 3, maxHeaderRows: 5 },
};
