import type { GlyphArg } from './glyphs.js';
import { isVisibleColor } from './graphics-state.js';
import { toMatrix } from './matrix.js';
import type { PageWalker } from './page-walker.js';

/**
 * What each pdf.js operator does to the page walk, by operator name. Operators not listed
 * (colour spaces, shading, marked content …) change nothing the table finder needs.
 */

/** pdf.js's OPS table (operator name to number), passed in so that the walk needs no pdf.js. */
export interface OpCodes {
  [name: string]: number;
}

type Args = unknown[] | null;
export type Handler = (w: PageWalker, args: Args) => void;

const num = (args: Args, i: number): number => Number(args?.[i]) || 0;

/** The graphics state: save/restore, transformations, line width, colours and opacity. */
const STATE: Readonly<Record<string, Handler>> = {
  save: (w) => w.save(),
  restore: (w) => w.restore(),
  transform: (w, args) => w.transform(toMatrix(args)),
  paintFormXObjectBegin: (w, args) => {
    w.save();
    w.transform(toMatrix(args?.[0]));
  },
  paintFormXObjectEnd: (w) => w.restore(),
  beginAnnotation: (w, args) => w.beginAnnotation(toMatrix(args?.[2]), toMatrix(args?.[3])),
  endAnnotation: (w) => w.endAnnotation(),
  setLineWidth: (w, args) => {
    if (typeof args?.[0] === 'number') w.gs.lineWidth = args[0];
  },
  setStrokeRGBColor: (w, args) => void (w.gs.strokeVisible = isVisibleColor(args?.[0])),
  setFillRGBColor: (w, args) => void (w.gs.fillVisible = isVisibleColor(args?.[0])),
  setStrokeTransparent: (w) => void (w.gs.strokeVisible = false),
  setFillTransparent: (w) => void (w.gs.fillVisible = false),
  setStrokeColorN: (w) => void (w.gs.strokeVisible = true),
  setFillColorN: (w) => void (w.gs.fillVisible = true),
  setGState: (w, args) => {
    const entries = Array.isArray(args?.[0]) ? (args[0] as unknown[]) : [];
    for (const e of entries) {
      if (!Array.isArray(e)) continue;
      const [key, value] = e as [unknown, unknown];
      if (key === 'LW' && typeof value === 'number') w.gs.lineWidth = value;
      else if (key === 'CA' && typeof value === 'number') w.gs.strokeAlpha = value;
      else if (key === 'ca' && typeof value === 'number') w.gs.fillAlpha = value;
      else if (key === 'Font' && Array.isArray(value)) w.setFont(value[0], value[1]);
    }
  },
};

/** Text objects, text state and text showing. */
const TEXT: Readonly<Record<string, Handler>> = {
  beginText: (w) => w.beginText(),
  setFont: (w, args) => w.setFont(args?.[0], args?.[1]),
  setTextMatrix: (w, args) => w.setTextMatrix(toMatrix(args?.[0] ?? args)),
  moveText: (w, args) => w.moveText(num(args, 0), num(args, 1)),
  setLeadingMoveText: (w, args) => {
    w.gs.leading = -num(args, 1);
    w.moveText(num(args, 0), num(args, 1));
  },
  nextLine: (w) => w.nextLine(),
  setLeading: (w, args) => void (w.gs.leading = num(args, 0)),
  setCharSpacing: (w, args) => void (w.gs.charSpacing = num(args, 0)),
  setWordSpacing: (w, args) => void (w.gs.wordSpacing = num(args, 0)),
  setHScale: (w, args) => void (w.gs.hScale = (Number(args?.[0]) || 100) / 100),
  setTextRise: (w, args) => void (w.gs.rise = num(args, 0)),
  showText: showGlyphs,
  showSpacedText: showGlyphs,
  nextLineShowText: (w, args) => {
    w.nextLine();
    if (args?.[0]) w.showText(args[0] as ArrayLike<GlyphArg | number>);
  },
};

function showGlyphs(w: PageWalker, args: Args): void {
  if (args && args[0] && typeof (args[0] as ArrayLike<unknown>).length === 'number') w.showText(args[0] as ArrayLike<GlyphArg | number>);
}

/** Operators that paint an image: a page covered by one is a scan. */
const IMAGES = [
  'paintImageXObject',
  'paintInlineImageXObject',
  'paintImageMaskXObject',
  'paintImageXObjectRepeat',
  'paintInlineImageXObjectGroup',
  'paintImageMaskXObjectGroup',
  'paintImageMaskXObjectRepeat',
  'paintSolidColorImageMask',
];

const STROKES = ['stroke', 'closeStroke', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'];
const FILLS = ['fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'];

/** Paths: a clip operator marks the next path as a clip; constructPath carries the path and how it is painted. */
function pathHandlers(ops: OpCodes): Record<string, Handler> {
  const strokeOps = new Set(STROKES.map((n) => ops[n]));
  const fillOps = new Set(FILLS.map((n) => ops[n]));
  return {
    clip: (w) => w.clip(),
    eoClip: (w) => w.clip(),
    constructPath: (w, args) => {
      const paintOp = args?.[0];
      const buf = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      if (!buf || typeof paintOp !== 'number') return;
      w.paintPath(buf, strokeOps.has(paintOp), fillOps.has(paintOp));
    },
  };
}

const tables = new WeakMap<OpCodes, readonly (Handler | undefined)[]>();

/** Handlers indexed by operator number (the walk looks one up per operator). */
export function operatorTable(ops: OpCodes): readonly (Handler | undefined)[] {
  let table = tables.get(ops);
  if (table) return table;
  const byNumber: (Handler | undefined)[] = [];
  const paintImage: Handler = (w) => w.paintImage();
  for (const name of IMAGES) if (ops[name] !== undefined) byNumber[ops[name]] = paintImage;
  for (const handlers of [STATE, TEXT, pathHandlers(ops)]) {
    for (const [name, handler] of Object.entries(handlers)) if (ops[name] !== undefined) byNumber[ops[name]] = handler;
  }
  table = byNumber;
  tables.set(ops, table);
  return table;
}
