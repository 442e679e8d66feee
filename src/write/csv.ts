import { stringify } from 'csv-stringify/sync';
import type { Document } from '../model/document.js';

export type CsvTable = 'indicators' | 'forms';

export const INDICATOR_COLUMNS = [
  'source', 'form', 'year', 'project', 'project_code', 'department', 'implementer', 'level1', 'level2',
  'indicator', 'raw', 'operator', 'number', 'unit', 'text', 'page', 'weight', 'term', 'kind', 'stage',
  'actual_raw', 'actual_operator', 'actual_number', 'actual_unit', 'actual_text', 'score', 'notes',
] as const;

export const FORM_COLUMNS = [
  'source', 'form', 'year', 'project', 'project_code', 'nature', 'category', 'department', 'department_code',
  'implementer', 'start_date', 'end_date', 'source_unit', 'annual_total', 'annual_appropriation',
  'annual_carryover', 'annual_other', 'project_total', 'project_fiscal', 'project_other', 'goal_project',
  'goal_annual', 'indicators', 'warnings', 'pages', 'kind', 'stage', 'eval_budget', 'eval_executed', 'eval_rate',
  'eval_score', 'tasks',
] as const;

type Cell = string | number | null;

export function indicatorRows(doc: Document): Cell[][] {
  return doc.forms.flatMap((f) =>
    f.indicators.map((i) => [
      doc.source.path, f.index, f.year, f.project.name, f.project.code, f.project.department, f.project.implementer,
      i.level1, i.level2, i.name, i.value.raw, i.value.operator, i.value.number, i.value.unit, i.value.text, i.page,
      i.weight, i.term, f.kind, f.stage, i.actual?.raw ?? null, i.actual?.operator ?? null, i.actual?.number ?? null,
      i.actual?.unit ?? null, i.actual?.text ?? null, i.score, notes(i.extra),
    ]),
  );
}

export function formRows(doc: Document): Cell[][] {
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

/** An indicator's unmapped columns in one cell: `label：text` pairs joined by `；`. */
function notes(extra: Record<string, string>): string | null {
  const pairs = Object.entries(extra).map(([label, text]) => `${label}：${text}`);
  return pairs.length > 0 ? pairs.join('；') : null;
}

/**
 * Long-format CSV of one or more documents: a header line, then one row per indicator (or per
 * form). A byte-order mark makes spreadsheet programs read the file as UTF-8; it belongs in
 * files, not in a stream another program reads.
 */
export function toCsv(docs: Document[], table: CsvTable, opts: { bom: boolean }): string {
  const header = table === 'forms' ? [...FORM_COLUMNS] : [...INDICATOR_COLUMNS];
  const rows = docs.flatMap((d) => (table === 'forms' ? formRows(d) : indicatorRows(d)));
  const body = stringify([header, ...rows], { record_delimiter: 'windows', cast: { number: (n) => String(n) } });
  return (opts.bom ? '\uFEFF' : '') + body;
}
