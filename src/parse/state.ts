import type { Warning } from '../model/warning.js';
import { FormBuilder, type Preamble, type Unit } from './form.js';
import type { Consumed } from './header.js';
import type { IndicatorGrid } from './grid.js';
import type { Field, FieldLabel } from './labels.js';
import type { ParseCell, ParseRow } from './rows.js';
import type { BudgetBlock, TaskTable } from './department.js';
import type { ScoredRole } from './evaluation.js';
import type { WideTable } from './wide.js';

/**
 * A grid with columns beside the target grid's (a self-evaluation's 实际完成值, 得分, notes, or an
 * 活动 column), and where one column packs the levels into the name (产出指标数量指标参保人数).
 */
export interface ScoredGrid {
  grid: IndicatorGrid;
  columns: { col: number; end: number; role: ScoredRole | 'extra'; label: string }[];
  packed: { col: number; end: number } | null;
}

/** A wide summary table being read, with the project cells merged down over several rows. */
export interface WideState {
  table: WideTable;
  /** Project cells that span down, by field: which table and until which row they reach. */
  spans: Map<Field, { cell: ParseCell; label: string; table: number | null; until: number }>;
  /** The title printed over the table: every project's form title. */
  title: string | null;
  /** Where the last row of project data was read: a row on another page or in another table, or the first after a header, starts a page. */
  last: { page: number | null; table: number | null } | null;
}

/** A summary table whose indicator column packs each project's indicators into one cell (packed.ts). */
export interface PackedTable {
  name: { col: number; end: number };
  indicators: { col: number; end: number };
  /** Columns of form fields (funds, goal), with their labels. */
  fields: { col: number; end: number; label: FieldLabel }[];
  /** Other columns: their cells go to the form's `extra` under the printed label. */
  extras: { col: number; end: number; label: string }[];
  /** The title over the table: every project's form title. */
  title: string | null;
  /** The header row's keys, to recognise it when it is repeated on the next page. */
  signature: string;
  /** The unit named by the last row of amounts only: it spends the money of the projects below. */
  implementer: string | null;
}

/**
 * Everything the reader knows between two rows of the stream. Recognisers read it to decide
 * whether a row is theirs and change it when they read the row; nothing else does.
 */
export class ReaderState {
  /** Forms opened so far; those with neither a project name nor indicators are dropped at the end. */
  readonly forms: FormBuilder[] = [];
  /** Warnings about the document rather than one form (rows before any project). */
  readonly warnings: Warning[] = [];
  /** Cells already read as the value of a label (a goal text under its label, for instance). */
  readonly consumed: Consumed = new Set();

  /** The document's title: the first title line before any form. */
  title: string | null = null;
  /** The year of the document's title or of its first year line, for forms that print none. */
  docYear: number | null = null;
  /** The money unit of the last 单位 line. */
  unit: Unit | null = null;
  /** A title line read since the last form opened: it belongs to the next form. */
  pendingTitle: string | null = null;
  /** A year line read since the last form opened: it belongs to the next form. */
  pendingYear: number | null = null;
  /** The department or unit a line under the last title names (部门名称：…, 单位名称：…), for the tables below it that print none. */
  headingUnit: { field: 'department' | 'implementer'; label: string; name: string } | null = null;

  /** The form being read. */
  form: FormBuilder | null = null;
  /** The indicator grid of the current form, from its header row (or one read by vocabulary). */
  grid: IndicatorGrid | null = null;
  /** The table the current form was last read from: another table is only its continuation if it says so. */
  formTable: number | null = null;
  /** The wide summary table being read: every later row is one of its rows until the next title. */
  wide: WideState | null = null;
  /** The budget block of a department form or self-evaluation being read (department.ts). */
  budget: BudgetBlock | null = null;
  /** A department's task table being read. */
  tasks: TaskTable | null = null;
  /** The self-evaluation grid being read, when `grid` is its target half. */
  scored: ScoredGrid | null = null;
  /** The last wide summary table's header and project: the same table after a page's title goes on with it. */
  wideTail: { signature: string; form: FormBuilder } | null = null;
  /** The packed summary table being read: every later row is one of its rows until the next title. */
  packed: PackedTable | null = null;

  private position = 0;

  constructor(readonly rows: readonly ParseRow[]) {}

  /** Move to the row at `position` in the stream. */
  moveTo(position: number): void {
    this.position = position;
  }

  /** The row before the current one in the stream. */
  get above(): ParseRow | undefined {
    return this.rows[this.position - 1];
  }

  /** The row `offset` rows after the current one in the stream. */
  peek(offset: number): ParseRow | undefined {
    return this.rows[this.position + offset];
  }

  /** The row after the current one in the stream. */
  get below(): ParseRow | undefined {
    return this.rows[this.position + 1];
  }

  /** The rows before the current one, nearest first. */
  *behind(): Generator<ParseRow> {
    for (let i = this.position - 1; i >= 0; i--) yield this.rows[i]!;
  }

  /** The rows after the current one, nearest first. */
  *ahead(): Generator<ParseRow> {
    for (let i = this.position + 1; i < this.rows.length; i++) yield this.rows[i]!;
  }

  /** Open a new form, which takes the title and year read since the last one, and make it current. */
  open(preamble: Partial<Preamble> = {}): FormBuilder {
    const form = new FormBuilder(this.forms.length + 1, {
      title: preamble.title !== undefined ? preamble.title : this.pendingTitle,
      year: this.pendingYear, // else the document's, with a warning, when the form is built
      unit: this.unit,
      ...preamble,
    });
    this.forms.push(form);
    this.pendingTitle = null;
    this.pendingYear = null;
    this.grid = null;
    this.budget = null;
    this.tasks = null;
    this.scored = null;
    this.form = form;
    return form;
  }
}
