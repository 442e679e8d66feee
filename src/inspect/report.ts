import type { Traced } from '../convert.js';
import type { Form, Indicator } from '../model/document.js';
import type { Cell } from '../model/intermediate.js';
import type { Warning } from '../model/warning.js';
import type { InspectBlock, InspectCell, TablesDump } from './model.js';
import type { PageImage } from '../extract/index.js';
import { REPORT_CSS, REPORT_SCRIPT, ROLE_COLOURS } from './style.js';

/**
 * The inspect report: one self-contained HTML page (images inline, no scripts or fonts from
 * anywhere). Warnings first; then per PDF page the page image under an SVG of what was found
 * (rulings, table outlines, cells coloured by the role the parser gave them) beside the forms read
 * from it; for other inputs the tables as HTML tables in the same colours. Indicators and cells
 * point at each other through `data-cells` / `data-ind`, which the small inline script highlights.
 */
export function reportHtml(traced: Traced, dump: TablesDump, ids: Map<Cell, string>, images: Map<number, PageImage>): string {
  const { doc } = traced;
  const indIds = new Map<Indicator, string>();
  doc.forms.forEach((f) => f.indicators.forEach((ind, k) => indIds.set(ind, `f${f.index}i${k + 1}`)));
  const cellInds = new Map<string, string[]>();
  for (const [ind, id] of indIds) {
    for (const cell of traced.provenance.indicatorCells.get(ind) ?? []) {
      const c = ids.get(cell);
      if (c) cellInds.set(c, [...(cellInds.get(c) ?? []), id]);
    }
  }
  const links: Links = { ids, indIds, cellInds, traced };
  const cells = dump.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.cells) : []));
  const body = doc.source.format === 'pdf' ? pdfPages(dump, cells, images, links) : gridTables(dump, links);
  const warnings = [...doc.warnings, ...doc.forms.flatMap((f) => f.warnings)];
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ptarget inspect: ${esc(doc.source.path)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header><h1>${esc(doc.source.path)}</h1>
<p>${esc(doc.source.format.toUpperCase())}${doc.source.pages !== null ? `, ${doc.source.pages} pages` : ''}: ${doc.forms.length} forms, ${doc.forms.reduce((n, f) => n + f.indicators.length, 0)} indicators, ${warnings.length} warnings</p>
${legend()}
${warningList(warnings, cells, links)}
</header>
<main>${body}</main>
<script>${REPORT_SCRIPT}</script>
</body></html>
`;
}

interface Links {
  ids: Map<Cell, string>;
  indIds: Map<Indicator, string>;
  cellInds: Map<string, string[]>;
  traced: Traced;
}

function legend(): string {
  const items = Object.entries(ROLE_COLOURS).map(([role, colour]) => `<li><span class="swatch" style="background:${colour}"></span>${esc(role)}</li>`);
  return `<ul class="legend">${items.join('')}<li><span class="swatch rule"></span>ruling</li><li><span class="swatch outline"></span>table</li></ul>`;
}

/** Each warning links to its page, and to the cells whose text it quotes there. */
function warningList(warnings: Warning[], cells: InspectCell[], links: Links): string {
  if (warnings.length === 0) return '<p class="ok">No warnings.</p>';
  const items = warnings.map((w) => {
    const quoted = [...w.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const hits = cells.filter((c) => (w.page === null || c.page === w.page) && quoted.some((q) => c.text.includes(q)));
    const named = w.form !== null ? formIndicatorCells(w, links) : [];
    const target = [...new Set([...hits.map((c) => c.id), ...named])];
    const where = [w.form !== null ? `form ${w.form}` : '', w.page !== null ? `page ${w.page}` : '', w.line !== null ? `line ${w.line}` : ''].filter(Boolean).join(', ');
    const href = w.page !== null ? `#page-${w.page}` : w.form !== null ? `#form-${w.form}` : '#';
    return `<li><a href="${href}" class="warn" data-cells="${target.join(' ')}"><b>${esc(w.code)}</b> <span class="where">${esc(where)}</span> ${esc(w.message)}</a></li>`;
  });
  return `<details open class="warnings"><summary>${warnings.length} warnings</summary><ol>${items.join('')}</ol></details>`;
}

/** The cells of the indicator a form warning names ("indicator X has no value"). */
function formIndicatorCells(w: Warning, links: Links): string[] {
  const form = links.traced.doc.forms.find((f) => f.index === w.form);
  const ind = form?.indicators.find((i) => w.message.includes(`indicator ${i.name} `) && (w.page === null || i.page === w.page));
  return ind ? cellIdsOf(ind, links) : [];
}

function cellIdsOf(ind: Indicator, links: Links): string[] {
  return (links.traced.provenance.indicatorCells.get(ind) ?? []).map((c) => links.ids.get(c)).filter((x): x is string => x !== undefined);
}

function pdfPages(dump: TablesDump, cells: InspectCell[], images: Map<number, PageImage>, links: Links): string {
  return dump.pages
    .map((geo) => {
      const mine = cells.filter((c) => c.page === geo.page && c.bbox !== null);
      const img = images.get(geo.page);
      const rules = geo.segments
        .map((s) => (s.axis === 'h' ? `<line x1="${n(s.from)}" y1="${n(s.pos)}" x2="${n(s.to)}" y2="${n(s.pos)}"/>` : `<line x1="${n(s.pos)}" y1="${n(s.from)}" x2="${n(s.pos)}" y2="${n(s.to)}"/>`))
        .join('');
      const outlines = geo.tables.map((b) => `<rect class="table" x="${n(b.x0)}" y="${n(b.top)}" width="${n(b.x1 - b.x0)}" height="${n(b.bottom - b.top)}"/>`).join('');
      const boxes = mine
        .map((c) => {
          const [x0, top, x1, bottom] = c.bbox!;
          const merged = c.rowSpan > 1 || c.colSpan > 1 ? ' merged' : '';
          const inds = links.cellInds.get(c.id)?.join(' ') ?? '';
          return `<rect class="cell role-${c.role}${merged}" id="${c.id}" data-ind="${inds}" x="${n(x0)}" y="${n(top)}" width="${n(x1 - x0)}" height="${n(bottom - top)}"><title>${esc(c.role)}: ${esc(c.text)}</title></rect>`;
        })
        .join('');
      const picture = img
        ? `<img src="${img.src}" alt="page ${geo.page}" width="${n(geo.width * 1.5)}">`
        : `<div class="noimage" style="aspect-ratio:${n(geo.width)}/${n(geo.height)}">page not drawn</div>`;
      const forms = links.traced.doc.forms.filter((f) => f.pages.includes(geo.page));
      return `<section class="page" id="page-${geo.page}"><h2>Page ${geo.page}</h2><div class="side-by-side">
<div class="view">${picture}<svg viewBox="0 0 ${n(geo.width)} ${n(geo.height)}" preserveAspectRatio="none"><g class="rules">${rules}</g>${outlines}${boxes}</svg></div>
<aside>${geo.notRead ? `<p class="none">Tables ${esc(geo.notRead)} (the page filter; --all-pages reads every page).</p>` : ''}${forms.map((f) => formHtml(f, geo.page, links)).join('') || '<p class="none">No form read from this page.</p>'}</aside></div></section>`;
    })
    .join('\n');
}

function formHtml(form: Form, page: number | null, links: Links): string {
  const inds = form.indicators.filter((i) => page === null || i.page === page || (i.page === null && form.pages[0] === page));
  const rows = inds.map((ind) => {
    const id = links.indIds.get(ind)!;
    const value = ind.value.raw ?? '—';
    const weight = ind.weight !== null ? ` <span class="weight">${ind.weight}</span>` : '';
    return `<li class="ind" id="${id}" data-cells="${cellIdsOf(ind, links).join(' ')}" tabindex="0"><span class="lv">${esc(ind.level1 ?? '?')} › ${esc(ind.level2 ?? '?')}</span> <span class="name">${esc(ind.name)}</span> = <span class="value">${esc(value)}</span>${weight}${ind.term === 'midterm' ? ' <i>(midterm)</i>' : ''}</li>`;
  });
  const p = form.project;
  const money = form.funds.annual.total !== null ? `<div>年度资金 ${form.funds.annual.total} 元</div>` : '';
  return `<div class="form" id="form-${form.index}-${page ?? 0}"><h3>Form ${form.index}: ${esc(p.name ?? '(no project name)')}</h3>
<div class="meta">${esc([form.kind, form.stage, form.year ?? '', p.department ?? '', `pages ${form.pages.join(', ')}`].filter(Boolean).join(' · '))}</div>${money}
<ol class="inds">${rows.join('')}</ol>${inds.length < form.indicators.length ? `<p class="more">${form.indicators.length - inds.length} more indicators on other pages</p>` : ''}</div>`;
}

/** Non-PDF inputs: each table as an HTML table, cells coloured by role; then the forms. */
function gridTables(dump: TablesDump, links: Links): string {
  const tables = dump.blocks.map((b) => (b.kind === 'table' ? gridTable(b, links) : `<p class="para">${esc(b.text)}</p>`)).join('\n');
  const forms = links.traced.doc.forms.map((f) => formHtml(f, null, links)).join('');
  return `<section class="page" id="page-1"><div class="side-by-side"><div class="grid">${tables}</div><aside>${forms || '<p class="none">No form read.</p>'}</aside></div></section>`;
}

function gridTable(block: Extract<InspectBlock, { kind: 'table' }>, links: Links): string {
  const rows = block.rows.map((r) => {
    const tds = r.cells.map((c) => {
      const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      const inds = links.cellInds.get(c.id)?.join(' ') ?? '';
      return `<td class="cell role-${c.role}" id="${c.id}" data-ind="${inds}"${span} title="${esc(c.role)}">${esc(c.text)}</td>`;
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return `<table class="grid">${rows.join('')}</table>`;
}

function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
