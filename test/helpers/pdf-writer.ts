import { brotliCompressSync, deflateSync } from 'node:zlib';

/**
 * A tiny PDF writer for tests: pages with text, ruling lines (stroked or as thin filled
 * rectangles), images and /Rotate. Text uses the built-in Helvetica with a made-up one-byte
 * encoding and a ToUnicode map, so any Unicode text (CJK, Kangxi radicals) can be shown without
 * embedding a font; wide characters get a width of one em.
 *
 * Coordinates are given as the page is seen: points from the top-left, y down, on the upright
 * page (for a rotated page, on the page as displayed after rotation).
 */

export interface TextSpec {
  x: number;
  /** Baseline, from the top. */
  y: number;
  text: string;
  size?: number;
  /** Drawn under a clip rectangle [x, y, w, h] (as WPS and Excel clip each cell's text to its cell). */
  clip?: [number, number, number, number];
}

export interface PageSpec {
  width?: number;
  height?: number;
  rotate?: 0 | 90;
  texts?: TextSpec[];
  /** Stroked lines [x1, y1, x2, y2]. */
  lines?: [number, number, number, number][];
  /** Borders drawn as filled rectangles [x, y, w, h] (how Word and WPS draw them). */
  bars?: [number, number, number, number][];
  /** A grey image covering [x, y, w, h]. */
  images?: [number, number, number, number][];
  /** Extra raw content appended to the page's stream (user space). */
  raw?: string;
  /** The content of a form XObject the page's raw content can draw as /Fm1. */
  form?: string;
  lineWidth?: number;
  strokeColor?: [number, number, number];
}

function isWideChar(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80;
}

function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out.toUpperCase();
}

interface FontPlan {
  name: string;
  codes: Map<string, number>;
}

/** Builds the PDF; `compress` packs every stream with Flate (true) or with PDF 2.0's Brotli. */
export function buildPdf(pages: PageSpec[], opts: { compress?: boolean | 'brotli' } = {}): Uint8Array {
  // one-byte codes for every character used, 200 to a font
  const chars = [...new Set(pages.flatMap((p) => (p.texts ?? []).flatMap((t) => [...t.text])))].filter((c) => c !== ' ');
  const fonts: FontPlan[] = [];
  chars.forEach((ch, i) => {
    const f = Math.floor(i / 200);
    if (!fonts[f]) fonts[f] = { name: `F${f + 1}`, codes: new Map([[' ', 32]]) };
    fonts[f]!.codes.set(ch, 33 + (i % 200));
  });
  if (!fonts.length) fonts.push({ name: 'F1', codes: new Map([[' ', 32]]) });

  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer => {
    const body = opts.compress === 'brotli' ? brotliCompressSync(data) : opts.compress ? deflateSync(data) : data;
    const filter = opts.compress === 'brotli' ? ' /Filter /BrotliDecode' : opts.compress ? ' /Filter /FlateDecode' : '';
    return Buffer.concat([Buffer.from(`<< ${dict} /Length ${body.length}${filter} >>\nstream\n`, 'latin1'), body, Buffer.from('\nendstream', 'latin1')]);
  };

  const catalog = add('');
  const pagesObj = add('');
  const fontRefs = fonts.map((f) => {
    const entries = [...f.codes].map(([ch, code]) => `<${code.toString(16).padStart(2, '0').toUpperCase()}> <${utf16Hex(ch)}>`);
    const cmapText = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<00> <FF>',
      'endcodespacerange',
      ...chunk(entries, 100).flatMap((part) => [`${part.length} beginbfchar`, ...part, 'endbfchar']),
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
    const cmap = add(stream('', Buffer.from(cmapText, 'latin1')));
    const widths = Array.from({ length: 256 }, (_, code) => {
      const ch = [...f.codes].find(([, c]) => c === code)?.[0];
      if (ch === undefined) return 0;
      if (ch === ' ') return 250;
      return isWideChar(ch) ? 1000 : 556;
    });
    return add(`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [${widths.join(' ')}] /ToUnicode ${cmap} 0 R >>`);
  });
  const image = add(stream('/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.alloc(64, 0x80)));

  const pageRefs: number[] = [];
  for (const p of pages) {
    const rotate = p.rotate ?? 0;
    const W = p.width ?? 595;
    const H = p.height ?? 842;
    // user space: for /Rotate 90 the media box is the seen page turned back
    const mediaW = rotate === 90 ? H : W;
    const mediaH = rotate === 90 ? W : H;
    const user = (x: number, y: number): [number, number] => (rotate === 90 ? [y, x] : [x, H - y]);
    const ops: string[] = [];
    const [r, g, b] = p.strokeColor ?? [0, 0, 0];
    ops.push(`${p.lineWidth ?? 0.5} w ${r} ${g} ${b} RG 0 0 0 rg`);
    for (const [x1, y1, x2, y2] of p.lines ?? []) {
      const [a, c] = user(x1, y1);
      const [d, e] = user(x2, y2);
      ops.push(`${n(a)} ${n(c)} m ${n(d)} ${n(e)} l S`);
    }
    for (const [x, y, w, h] of p.bars ?? []) {
      const [a, c] = user(x, y);
      const [d, e] = user(x + w, y + h);
      ops.push(`${n(Math.min(a, d))} ${n(Math.min(c, e))} ${n(Math.abs(d - a))} ${n(Math.abs(e - c))} re f`);
    }
    for (const [x, y, w, h] of p.images ?? []) {
      const [a, c] = user(x, y + h);
      ops.push(rotate === 90 ? `q 0 ${n(w)} ${n(h)} 0 ${n(a - h)} ${n(c)} cm /Im1 Do Q` : `q ${n(w)} 0 0 ${n(h)} ${n(a)} ${n(c)} cm /Im1 Do Q`);
    }
    for (const t of p.texts ?? []) {
      const size = t.size ?? 9;
      const [ux, uy] = user(t.x, t.y);
      const tm = rotate === 90 ? `0 1 -1 0 ${n(ux)} ${n(uy)}` : `1 0 0 1 ${n(ux)} ${n(uy)}`;
      // consecutive characters of one font share a Tj
      let cur: FontPlan | null = null;
      let hex = '';
      const parts: string[] = [];
      const flush = (): void => {
        if (cur && hex) parts.push(`/${cur.name} ${size} Tf <${hex}> Tj`);
        hex = '';
      };
      for (const ch of t.text) {
        const f: FontPlan = ch === ' ' ? (cur ?? fonts[0]!) : fonts.find((x) => x.codes.has(ch))!;
        if (f !== cur) {
          flush();
          cur = f;
        }
        hex += f.codes.get(ch)!.toString(16).padStart(2, '0').toUpperCase();
      }
      flush();
      const text = `BT ${tm} Tm ${parts.join(' ')} ET`;
      if (!t.clip) ops.push(text);
      else {
        const [x, y, w, h] = t.clip;
        const [a, c] = user(x, y);
        const [d, e] = user(x + w, y + h);
        ops.push(`q ${n(Math.min(a, d))} ${n(Math.min(c, e))} ${n(Math.abs(d - a))} ${n(Math.abs(e - c))} re W n ${text} Q`);
      }
    }
    if (p.raw) ops.push(p.raw);
    const content = add(stream('', Buffer.from(ops.join('\n'), 'latin1')));
    const form = p.form === undefined ? '' : ` /Fm1 ${add(stream(`/Type /XObject /Subtype /Form /BBox [0 0 ${mediaW} ${mediaH}]`, Buffer.from(p.form, 'latin1')))} 0 R`;
    const fontDict = fonts.map((f, i) => `/${f.name} ${fontRefs[i]} 0 R`).join(' ');
    pageRefs.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${mediaW} ${mediaH}]${rotate ? ` /Rotate ${rotate}` : ''} /Resources << /Font << ${fontDict} >> /XObject << /Im1 ${image} 0 R${form} >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${pageRefs.map((r) => `${r} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`;

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const buf = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(buf);
    offset += buf.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

function n(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** A table to draw: column and row edges, and cells placed on them (HTML-style spans). */
export interface TableSpec {
  xs: number[];
  ys: number[];
  cells: { row: number; col: number; rowSpan?: number; colSpan?: number; lines: string[] }[];
  size?: number;
  /** Draw the cell borders (default) or leave the table unruled. */
  ruled?: boolean;
  /** Draw borders as thin filled rectangles instead of stroked lines. */
  bars?: boolean;
  /** Blank between the lines of a cell, in points (default 3). */
  leading?: number;
}

/** Page content for a table: each cell's borders, and its lines of text from its top-left corner. */
export function drawTable(t: TableSpec): Pick<PageSpec, 'texts' | 'lines' | 'bars'> {
  const size = t.size ?? 9;
  const texts: TextSpec[] = [];
  const lines: [number, number, number, number][] = [];
  const bars: [number, number, number, number][] = [];
  for (const c of t.cells) {
    const x0 = t.xs[c.col]!;
    const x1 = t.xs[c.col + (c.colSpan ?? 1)]!;
    const y0 = t.ys[c.row]!;
    const y1 = t.ys[c.row + (c.rowSpan ?? 1)]!;
    if (t.ruled !== false) {
      const edges: [number, number, number, number][] = [
        [x0, y0, x1, y0],
        [x0, y1, x1, y1],
        [x0, y0, x0, y1],
        [x1, y0, x1, y1],
      ];
      if (t.bars) for (const [a, b, c2, d] of edges) bars.push(a === c2 ? [a - 0.25, b, 0.5, d - b] : [a, b - 0.25, c2 - a, 0.5]);
      else lines.push(...edges);
    }
    c.lines.forEach((text, i) => texts.push({ x: x0 + 4, y: y0 + 3 + size * (i + 1) + i * (t.leading ?? 3), text, size }));
  }
  return { texts, lines, bars };
}
