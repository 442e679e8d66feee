import type { Form } from '../model/document.js';
import type { Extracted } from '../model/intermediate.js';
import { warning } from '../model/build.js';
import type { Warning } from '../model/warning.js';
import { checkDocument, checkForm } from './checks.js';
import { yearOf } from './dates.js';
import { FormBuilder, type Preamble, type Unit } from './form.js';
import { type Consumed, fieldLabels, readHeaderRow } from './header.js';
import {
  type IndicatorGrid, continuesHierarchy, headerlessGrid, readGridHeader, readIndicatorRow, startsHierarchy,
} from './indicators.js';
import { type Field, matchFieldLabel } from './labels.js';
import { type ParseCell, type ParseRow, filled, toRows } from './rows.js';
import {
  type WideTable, alignRow, isSubtotal, isWideHeaderRepeat, projectCells, readWideHeader, readWideIndicators,
  readWideProject,
} from './wide.js';

export interface Parsed {
  title: string | null;
  forms: Form[];
  warnings: Warning[];
}

type Heading = { kind: 'title'; text: string } | { kind: 'year'; year: number } | { kind: 'unit'; unit: Unit };

const TITLE = /绩效.{0,16}(表|目标)$/;
const YEAR_LINE = /^[(（]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$/;
const UNIT_LINE = /^[(（]?(?:金额|资金|货币)?单位[:：]\s*(万元|元)[)）]?$/;

/** A line on its own that sets context for what follows: a title, "(2023年度)", "单位：万元". */
function headingOf(row: ParseRow): Heading | null {
  const cells = filled(row);
  if (cells.length === 0 || cells.length > 2) return null;
  const keys = cells.map((c) => c.key);
  const unit = keys.map((k) => UNIT_LINE.exec(k)?.[1]).find(Boolean);
  if (unit) return { kind: 'unit', unit: unit as Unit };
  if (cells.length !== 1) return null;
  const key = keys[0]!;
  const year = YEAR_LINE.exec(key);
  if (year) return { kind: 'year', year: Number(year[1]) };
  const bare = key.replace(/[(（][^()（）]*[)）]$/, '');
  if (key.length <= 60 && TITLE.test(bare) && !matchFieldLabel(key)) return { kind: 'title', text: cells[0]!.text };
  return null;
}

const OPENING_FIELDS = 2;

/**
 * Split the row stream into forms and read each: headings set context, header rows fill the
 * project, funds and goals, an indicator header row opens the indicator grid, and a header row
 * naming both project and indicator columns opens a wide summary table of many projects.
 */
export function parseDocument(doc: Extracted): Parsed {
  const rows = toRows(doc);
  const forms: FormBuilder[] = [];
  const warnings: Warning[] = [];
  const consumed: Consumed = new Set();
  let title: string | null = null;
  let docYear: number | null = null;
  let unit: Unit | null = null;
  let pendingTitle: string | null = null;
  let pendingYear: number | null = null;
  let form: FormBuilder | null = null;
  let grid: IndicatorGrid | null = null;
  let wide: WideTable | null = null;
  /** The table the current form was last read from: another table is only its continuation if it says so. */
  let formTable: number | null = null;
  /** Project cells of the wide table that span down, by field: until which row they reach. */
  const spans = new Map<Field, { cell: ParseCell; label: string; table: number | null; until: number }>();

  const open = (preamble: Partial<Preamble> = {}): FormBuilder => {
    const f = new FormBuilder(forms.length + 1, {
      title: preamble.title !== undefined ? preamble.title : pendingTitle,
      year: pendingYear ?? docYear,
      unit,
      ...preamble,
    });
    forms.push(f);
    pendingTitle = null;
    pendingYear = null;
    grid = null;
    return f;
  };

  rows.forEach((row, i) => {
    if (filled(row).every((c) => consumed.has(c))) return;
    const heading = headingOf(row);
    if (heading) {
      if (heading.kind === 'title') {
        if (title === null && forms.length === 0) {
          title = heading.text;
          docYear = yearOf(heading.text);
        }
        pendingTitle = heading.text;
        if (form?.hasContent) form = null;
        wide = null;
        grid = null;
      } else if (heading.kind === 'year') {
        if (form && !form.hasContent) form.preamble.year = heading.year;
        else pendingYear = heading.year;
        docYear ??= heading.year;
      } else {
        unit = heading.unit;
        if (form && !form.hasContent) form.preamble.unit = heading.unit;
      }
      return;
    }

    const wideHeader = readWideHeader(row, rows[i - 1]);
    if (wideHeader) {
      if (wide && isWideHeaderRepeat(wide, row)) return; // repeated at a page top
      wide = wideHeader;
      spans.clear();
      form = null;
      return;
    }
    if (wide) {
      if (row.table === null || isWideHeaderRepeat(wide, row)) return;
      readWideRow(row);
      return;
    }

    const labels = fieldLabels(row).filter((l) => !['indicatorSection', 'goalSection'].includes(l.label.field));
    const names = labels.some((l) => l.label.field === 'name');
    // one stray label ("预算数" over a budget table) is no form: opening one takes a 项目名称 or two fields
    const opens = names || new Set(labels.map((l) => l.label.field)).size >= OPENING_FIELDS;
    const isHeaderRow = grid === null && form ? labels.length > 0 : opens;
    if (isHeaderRow) {
      if (!form || (names && form.project.name !== null) || (grid && names)) form = open();
      grid = null;
      formTable = row.table;
      readHeaderRow(form, row, rows[i + 1], consumed);
      return;
    }
    const gridHeader = readGridHeader(row, rows[i - 1]);
    if (gridHeader) {
      if (grid && grid.signature === gridHeader.signature) return; // repeated at a page top
      form ??= open();
      form.seePage(row.page);
      grid = gridHeader;
      formTable = row.table;
      return;
    }
    if (row.table === null) return; // prose between tables: page headers, notes
    // A new table goes on with the form's indicators (text exports break tables at page ends)
    // only where it shows the hierarchy; any other table after a form is not part of it.
    if (row.table !== formTable) {
      if (!(grid && continuesHierarchy(row))) grid = null;
      if (!grid && !startsHierarchy(row)) return;
      formTable = row.table;
    }
    if (!grid && startsHierarchy(row)) {
      form ??= open();
      form.warn('unknown-layout', 'indicator rows without a header row naming the columns; read by vocabulary and order', {
        page: row.page,
        line: row.line,
      });
      grid = headerlessGrid();
    }
    if (grid && form) {
      readIndicatorRow(form, grid, row, consumed);
      return;
    }
    const next = rows[i + 1];
    if (next && next.table === row.table && readGridHeader(next, row)) return; // the grid's super-header
    if (form) {
      form.warn('unparsed-row', `row not placed: ${filled(row).map((c) => c.text).join(' | ')}`, {
        page: row.page,
        line: row.line,
      });
    }
  });

  function readWideRow(row: ParseRow): void {
    const table = wide!;
    const aligned = alignRow(table, row);
    if (isSubtotal(aligned)) return;
    const cells = projectCells(table, aligned);
    const name = cells.find((p) => p.field === 'name')?.cell;
    if (name && (!form || form.project.name !== name.text)) {
      form = open({ title: null });
      form.project.name = name.text;
      // a cell merged down over several projects (单位名称) belongs to each of them
      for (const [field, span] of spans) {
        if (span.table === row.table && row.index < span.until && !cells.some((p) => p.field === field)) {
          readWideProject(form, table, { ...row, cells: [span.cell] }, [{ field, label: span.label, cell: span.cell }]);
        }
      }
    }
    for (const p of cells) {
      if (p.cell.rowSpan > 1) spans.set(p.field, { cell: p.cell, label: p.label, table: row.table, until: row.index + p.cell.rowSpan });
    }
    if (!form) {
      if (filled(aligned).length > 0) {
        warnings.push(warning('unparsed-row', `row before any project: ${filled(aligned).map((c) => c.text).join(' | ')}`, {
          page: row.page,
          line: row.line,
        }));
      }
      return;
    }
    readWideProject(form, table, aligned, cells);
    readWideIndicators(form, table, aligned, consumed);
  }

  // a form is a project or its indicators; header fields alone (a budget table's) are not one
  const built: Form[] = forms.filter((f) => f.project.name !== null || f.indicatorCount > 0).map((f, k) => {
    const out = f.build();
    const index = k + 1;
    return checkForm({ ...out, index, warnings: out.warnings.map((w) => ({ ...w, form: index })) });
  });
  return { title, forms: built, warnings: [...warnings, ...checkDocument(built)] };
}
