import { allWarnings } from '../model/counts.js';
import type { Document } from '../model/document.js';

/**
 * The flat tables every tabular format (CSV, and spreadsheets) writes: one row per indicator, per
 * form, or per warning. Columns and cells are defined here once; formats only encode them.
 */
export type TableName = 'indicators' | 'forms' | 'warnings';

export type CellValue = string | number | null;

export interface Table {
  readonly columns: readonly string[];
  /** Columns of money in 元, which spreadsheets show with a money format. */
  readonly money: readonly string[];
  rows(doc: Document): CellValue[][];
}

const INDICATOR_COLUMNS = [
  'source', 'form', 'year', 'project', 'project_code', 'department', 'implementer', 'level1', 'level2',
  'indicator', 'raw', 'operator', 'number', 'unit', 'text', 'page', 'weight', 'term', 'kind', 'stage',
  'actual_raw', 'actual_operator', 'actual_number', 'actual_unit', 'actual_text', 'score', 'notes',
] as const;

const FORM_COLUMNS = [
  'source', 'form', 'year', 'project', 'project_code', 'nature', 'category', 'department', 'department_code',
  'implementer', 'start_date', 'end_date', 'source_unit', 'annual_total', 'annual_appropriation',
  'annual_carryover', 'annual_other', 'project_total', 'project_fiscal', 'project_other', 'goal_project',
  'goal_annual', 'indicators', 'warnings', 'pages', 'kind', 'stage', 'eval_budget', 'eval_executed', 'eval_rate',
  'eval_score', 'tasks',
] as const;

function indicatorRows(doc: Document): CellValue[][] {
  return doc.forms.flatMap((f) =>
    f.indicators.map((i) => [
      doc.source.path, f.index, f.year, f.project.name, f.project.code, f.project.department, f.project.implementer,
      i.level1, i.level2, i.name, i.value.raw, i.value.operator, i.value.number, i.value.unit, i.value.text, i.page,
      i.weight, i.term, f.kind, f.stage, i.actual?.raw ?? null, i.actual?.operator ?? null, i.actual?.number ?? null,
      i.actual?.unit ?? null, i.actual?.text ?? null, i.score, notes(i.extra),
    ]),
  );
}

function formRows(doc: Document): CellValue[][] {
  return doc.forms.map((f) => [
    doc.source.path, f.index, f.year, f.project.name, f.project.code, f.project.nature, f.project.category,
    f.project.department, f.project.departmentCode, f.project.implementer, f.project.startDate, f.project.endDate,
    f.funds.sourceUnit, f.funds.annual.total, f.funds.annual.appropriation, f.funds.annual.carryover,
    f.funds.annual.other, f.funds.projectTotal.total, f.funds.projectTotal.fiscal, f.funds.projectTotal.other,
    f.goals.project, f.goals.annual, f.indicators.length, f.warnings.length, f.pages.join(' '), f.kind, f.stage,
    f.evaluation?.budget ?? null, f.evaluation?.executed ?? null, f.evaluation?.rate ?? null,
    f.evaluation?.score ?? null, f.tasks.length,
  ]);
}

const WARNING_COLUMNS = ['source', 'form', 'page', 'line', 'code', 'message'] as const;

/** The document's own warnings, then each form's, as the summary lists them. */
function warningRows(doc: Document): CellValue[][] {
  return allWarnings(doc).map((w) => [doc.source.path, w.form, w.page, w.line, w.code, w.message]);
}

/** An indicator's unmapped columns in one cell: `label：text` pairs joined by `；`. */
function notes(extra: Record<string, string>): string | null {
  const pairs = Object.entries(extra).map(([label, text]) => `${label}：${text}`);
  return pairs.length > 0 ? pairs.join('；') : null;
}

export const TABLES: Readonly<Record<TableName, Table>> = {
  indicators: { columns: INDICATOR_COLUMNS, money: [], rows: indicatorRows },
  forms: {
    columns: FORM_COLUMNS,
    money: [
      'annual_total', 'annual_appropriation', 'annual_carryover', 'annual_other', 'project_total', 'project_fiscal',
      'project_other', 'eval_budget', 'eval_executed',
    ],
    rows: formRows,
  },
  warnings: { columns: WARNING_COLUMNS, money: [], rows: warningRows },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
