import * as XLSX from '@e965/xlsx';

/** Which rows, columns and sheets a spreadsheet program does not show. */
export interface Visibility {
  sheetHidden: boolean;
  row: (r: number) => boolean;
  col: (c: number) => boolean;
}

type Span = [start: number, end: number]; // 0-based, end exclusive

/**
 * Hidden rows, columns and tables of an OpenDocument spreadsheet, one entry per table in order.
 * SheetJS reads an .ods file's cells and merges but not its table:visibility="collapse|filter"
 * nor a table style's table:display="false", so they are read here from content.xml.
 */
export function odsVisibility(bytes: Uint8Array): Visibility[] {
  let xml: string;
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'array' });
    const entry = XLSX.CFB.find(cfb, 'content.xml') as { content?: Uint8Array } | null;
    if (!entry?.content) return [];
    xml = new TextDecoder('utf-8').decode(entry.content);
  } catch {
    return []; // SheetJS reports a damaged package when it reads the cells
  }
  const hiddenStyles = new Set(
    [...xml.matchAll(/<style:style\b[^>]*style:family="table"[^>]*>(?:(?!<\/style:style>)[\s\S])*?table:display="false"/g)].map(
      (m) => attr(m[0], 'style:name'),
    ),
  );
  const sheets: Visibility[] = [];
  let rows: Span[] = [];
  let cols: Span[] = [];
  let r = 0;
  let c = 0;
  for (const m of xml.matchAll(/<table:table[\s>][^>]*|<table:table-column[\s/>][^>]*|<table:table-row[\s/>][^>]*/g)) {
    const tag = m[0];
    if (/^<table:table[\s>]/.test(tag)) {
      rows = [];
      cols = [];
      r = c = 0;
      const sheetHidden = hiddenStyles.has(attr(tag, 'table:style-name'));
      const [rs, cs] = [rows, cols];
      sheets.push({ sheetHidden, row: (i) => inSpans(rs, i), col: (i) => inSpans(cs, i) });
      continue;
    }
    const column = tag.startsWith('<table:table-column');
    const repeat = Number(attr(tag, column ? 'table:number-columns-repeated' : 'table:number-rows-repeated') ?? 1) || 1;
    const hidden = /table:visibility="(collapse|filter)"/.test(tag);
    if (column) {
      if (hidden) cols.push([c, c + repeat]);
      c += repeat;
    } else {
      if (hidden) rows.push([r, r + repeat]);
      r += repeat;
    }
  }
  return sheets;
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
}

function inSpans(spans: Span[], i: number): boolean {
  return spans.some(([s, e]) => i >= s && i < e);
}
