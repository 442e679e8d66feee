import type { Evaluation, Form, FormKind, FormStage, Indicator, Task } from '../model/document.js';
import { warning } from '../model/build.js';
import type { Warning } from '../model/warning.js';
import type { WarningCode } from '../model/warning-codes.js';
import { kindOf, projectNameOfTitle, stageOf } from './kinds.js';
import type { Field } from './labels.js';
import { joinWraps, oneLine } from './normalize.js';
import { parseAmount, printedMoneyUnit } from './value.js';

export type Unit = '元' | '万元';

/** Context a form inherits from the headings above it. */
export interface Preamble {
  title: string | null;
  year: number | null;
  unit: Unit | null;
}

/** A task row as printed: the amount is scaled to 元 when the form is built. */
interface RawTask {
  name: string | null;
  detail: string | null;
  amount: string | null;
  extra: Record<string, string>;
}

/** Evaluation fields that are money (scaled to 元); the others are rates and scores. */
const MONEY_SLOTS = new Set<keyof Evaluation>(['budgetStart', 'budget', 'executed']);

interface FundEntry {
  field: Field;
  text: string | null;
  col: number;
  label: string;
  page: number | null;
  /** Another funding line of the project (a second row under its merged name cell): adds to the amount before it. */
  addsLine?: boolean;
}

type ProjectKey = 'name' | 'code' | 'nature' | 'category' | 'department' | 'departmentCode' | 'implementer' | 'startDate' | 'endDate';

/** Collects one form's fields, funds, goals and indicators as the rows go by. */
export class FormBuilder {
  readonly project: Record<ProjectKey, string | null> = {
    name: null, code: null, nature: null, category: null, department: null, departmentCode: null,
    implementer: null, startDate: null, endDate: null,
  };
  readonly goals: { project: string | null; annual: string | null } = { project: null, annual: null };
  readonly extra: Record<string, string> = {};
  private readonly grouped: { indicator: Indicator; group: number }[] = [];
  readonly warnings: Warning[] = [];
  /** Codes warned of so far (warnOnce). */
  private readonly warnedCodes = new Set<WarningCode>();
  readonly pages = new Set<number>();
  private readonly funds: FundEntry[] = [];
  /** Unit printed with a funds label (项目资金（万元）), which beats the heading's. */
  labelUnit: Unit | null = null;
  /** The total the indicators' weights add up to, where the grid's header prints one (分值（90）). */
  weightTotal: number | null = null;
  /** Kind and stage a header row or grid announced; else the title decides (kinds.ts). */
  kind: FormKind | null = null;
  stage: FormStage | null = null;
  private readonly tasks: RawTask[] = [];
  private execution: Partial<Evaluation> | null = null;

  constructor(
    readonly index: number,
    readonly preamble: Preamble,
  ) {}

  get indicatorCount(): number {
    return this.grouped.length;
  }

  /** The indicator added last, for columns read beside the grid (实际完成值, 得分 …). */
  get lastIndicator(): Indicator | null {
    return this.grouped.at(-1)?.indicator ?? null;
  }

  get isDepartment(): boolean {
    return (this.kind ?? kindOf(this.preamble.title)) === 'department';
  }

  get isSelfEvaluation(): boolean {
    return (this.stage ?? stageOf(this.preamble.title)) === 'self-evaluation';
  }

  addTask(task: RawTask): void {
    this.tasks.push(task);
  }

  /** One field of the self-evaluation (budget execution, total score, result text); first value wins. */
  setExecution<K extends keyof Evaluation>(slot: K, value: Evaluation[K]): void {
    this.execution ??= {};
    if (this.execution[slot] === undefined || this.execution[slot] === null) this.execution[slot] = value;
  }

  /** The indicators added since there were `count` (provenance: which row added which). */
  indicatorsSince(count: number): Indicator[] {
    return this.grouped.slice(count).map((x) => x.indicator);
  }

  get hasContent(): boolean {
    return this.project.name !== null || this.grouped.length > 0 || this.funds.length > 0;
  }

  /**
   * Is this a form? One lists indicators, or names a project with what only a form's header
   * prints beside the name — an amount, a goal, a code, a department, dates, tasks: a form whose
   * grid went missing. A name with nothing else, or with short words only (a 类别, an 实施单位
   * that are column headings too), is the heading row of some other table read as labels and
   * values: a budget list's `单位（项目）名称 | 项目金额 | 项目简介`.
   */
  get isForm(): boolean {
    if (this.grouped.length > 0) return true;
    const { name, code, department, startDate, endDate } = this.project;
    // a department-wide form is named by its department: one printed with a goal and no indicators is still a form
    const byDepartment = name === null && this.isDepartment && department !== null;
    if (name === null && !byDepartment) return false;
    return (
      this.funds.some((f) => typeof parseAmount(f.text) === 'number') ||
      this.goals.project !== null ||
      this.goals.annual !== null ||
      this.tasks.length > 0 ||
      [code, byDepartment ? null : department, startDate, endDate].some((v) => v !== null)
    );
  }

  /**
   * Add an indicator of column group `group` (0, or 1 for the annual half of a dual grid). The
   * output lists the groups one after the other, each in row order.
   */
  addIndicator(indicator: Indicator, group: number): void {
    this.grouped.push({ indicator, group });
  }

  seePage(page: number | null): void {
    if (page !== null) this.pages.add(page);
  }

  warn(code: WarningCode, message: string, where: { page?: number | null; line?: number | null } = {}): void {
    this.warnings.push(warning(code, message, { form: this.index, ...where }));
    this.warnedCodes.add(code);
  }

  /** Warn with `code` only the first time it comes up in this form: one doubt that holds for every row. */
  warnOnce(code: WarningCode, message: string, where: { page?: number | null; line?: number | null } = {}): void {
    // a set, not a search of the warnings: a form of 100,000 rows may warn on each
    if (this.warnedCodes.has(code)) return;
    this.warn(code, message, where);
  }

  setProject(key: ProjectKey, value: string, label: string): void {
    const current = this.project[key];
    if (current === null) this.project[key] = value;
    else if (current !== value) this.addExtra(label, value);
  }

  addExtra(label: string, value: string): void {
    let key = label;
    for (let n = 2; key in this.extra && this.extra[key] !== value; n++) key = `${label}#${n}`;
    this.extra[key] = value;
  }

  addFund(entry: FundEntry): void {
    this.funds.push(entry);
  }

  /** How many amounts have been read, to mark those read after as another funding line. */
  get fundCount(): number {
    return this.funds.length;
  }

  /** Whether the amounts read since `since` all print again an amount read before them, field for field (a page top re-printing its project's cells). */
  repeatsFunds(since: number): boolean {
    const before = this.funds.slice(0, since);
    return this.funds.slice(since).every((f) => before.some((b) => b.field === f.field && sameAmount(b.text, f.text)));
  }

  /** The amounts read since `since` are another funding line of the project: they add up with the first. */
  markFundLine(since: number): void {
    for (const f of this.funds.slice(since)) f.addsLine = true;
  }

  /** Take the kind and stage a header text announces, if it announces one and none is known yet. */
  seeHeading(text: string | null): void {
    this.kind ??= kindOf(text);
    this.stage ??= stageOf(text);
  }

  /**
   * The rest of a header value the page break cut off (`text` goes on `printed`, the part read
   * before it): joined as a wrapped line is.
   */
  continueText(field: Field, printed: string, text: string): void {
    if (field === 'goalProject' || field === 'goalAnnual') {
      const which = field === 'goalProject' ? 'project' : 'annual';
      const current = this.goals[which];
      if (current !== null && current.endsWith(joinWraps(printed))) this.goals[which] = joinWraps(`${current}\n${text}`);
      return;
    }
    const key = field as ProjectKey;
    const current = this.project[key];
    if (current !== null && current === oneLine(printed)) this.project[key] = oneLine(`${current}\n${text}`);
  }

  setGoal(which: 'project' | 'annual', text: string): void {
    const current = this.goals[which];
    if (current === null) this.goals[which] = text;
    else if (!current.includes(text)) this.goals[which] = `${current}\n${text}`;
  }

  build(): Form {
    const funds = this.resolveFunds();
    this.checkWeights();
    this.nameFromTitle();
    return {
      index: this.index,
      formTitle: this.preamble.title,
      year: this.preamble.year ?? yearOfDate(this.project.startDate),
      pages: [...this.pages].sort((a, b) => a - b),
      kind: this.kind ?? kindOf(this.preamble.title) ?? 'project',
      stage: this.stage ?? stageOf(this.preamble.title) ?? 'target',
      project: { ...this.project },
      funds,
      goals: { ...this.goals },
      tasks: this.tasks.map((t) => ({ name: t.name, detail: t.detail, amount: this.yuan(t.amount), extra: t.extra })),
      evaluation: this.buildEvaluation(),
      indicators: [...this.grouped].sort((a, b) => a.group - b.group).map((x) => x.indicator), // stable
      extra: this.extra,
      warnings: this.warnings,
    };
  }

  /**
   * The weights of each term's indicators add up to the total the header prints (分值（90））.
   * Each printed weight may be rounded to two decimals.
   */
  private checkWeights(): void {
    if (this.weightTotal === null) return;
    for (const term of ['midterm', 'annual'] as const) {
      const weights = this.grouped.map((x) => x.indicator).filter((i) => i.term === term && i.weight !== null).map((i) => i.weight!);
      if (weights.length === 0) continue;
      const sum = Math.round(weights.reduce((a, b) => a + b, 0) * 1000) / 1000;
      if (Math.abs(sum - this.weightTotal) > 0.005 * weights.length + 1e-9) {
        this.warn('weight-mismatch', `weights add up to ${sum}, the header prints ${this.weightTotal}`);
      }
    }
  }

  /**
   * A project form that prints no 项目名称 and no department may print the project's name in its
   * own title only (知创大厦…建设费用项目绩效目标表): that is its name, with a warning.
   */
  private nameFromTitle(): void {
    if (this.project.name !== null || this.project.department !== null || this.isDepartment) return;
    const name = projectNameOfTitle(this.preamble.title);
    if (name === null) return;
    this.project.name = name;
    this.warn('name-from-title', `no 项目名称 printed; the name "${name}" is read from the form's title`);
  }

  /** The money unit of the form: printed with a label, else in the heading, else 元. */
  private get scale(): number {
    return (this.labelUnit ?? this.preamble.unit) === '万元' ? 10000 : 1;
  }

  /**
   * The scale of one amount: a unit printed in the cell (10000万元) beats the form's, with a
   * warning where the two disagree, since one of them is a misprint.
   */
  private cellScale(f: FundEntry, scale: number): number {
    const printed = f.text === null ? null : printedMoneyUnit(f.text);
    if (printed === null || printed.yuan === scale) return scale;
    if ((this.labelUnit ?? this.preamble.unit) === null) return printed.yuan; // no unit printed but the cell's
    this.warn('unit-conflict', `${f.label}: "${f.text}" prints ${printed.unit} where the form's unit is ${scale === 1 ? '元' : '万元'}; read as ${printed.unit}`, { page: f.page });
    return printed.yuan;
  }

  private yuan(text: string | null): number | null {
    const a = parseAmount(text);
    return typeof a === 'number' ? Math.round(a * this.scale * 100) / 100 : null;
  }

  private buildEvaluation(): Evaluation | null {
    if (this.execution === null) return null;
    const out: Evaluation = {
      budgetStart: null, budget: null, executed: null, rate: null, weight: null, score: null, totalScore: null, resultText: null,
    };
    for (const [k, v] of Object.entries(this.execution) as [keyof Evaluation, number | string | null][]) {
      const scaled = typeof v === 'number' && MONEY_SLOTS.has(k) ? Math.round(v * this.scale * 100) / 100 : v;
      (out as Record<string, unknown>)[k] = scaled;
    }
    return out;
  }

  /**
   * Place each money label in its column group: forms print a project-total group (项目资金总额,
   * 其中：财政资金, 其他资金) beside an annual group (年度资金申请总额, 当年财政拨款, 上年结转资金,
   * 其他资金), so an ambiguous label belongs to the group whose total stands in its column.
   */
  private resolveFunds(): Form['funds'] {
    const out: Form['funds'] = {
      sourceUnit: null,
      projectTotal: { total: null, fiscal: null, other: null },
      annual: { total: null, appropriation: null, carryover: null, other: null },
    };
    if (this.funds.length === 0) return out;
    const unit = this.labelUnit ?? this.preamble.unit;
    if (unit === null) {
      this.warn('unit-assumed', 'no money unit printed for this form; amounts read as 元');
    }
    out.sourceUnit = unit ?? '元';
    const scale = out.sourceUnit === '万元' ? 10000 : 1;
    const projectCol = this.funds.find((f) => f.field === 'projectTotal')?.col ?? null;
    const annualCol = this.funds.find((f) => f.field === 'annualTotal')?.col ?? null;
    const groupOf = (f: FundEntry): 'project' | 'annual' => {
      if (f.field === 'projectTotal') return 'project';
      if (f.field === 'annualTotal' || f.field === 'carryover') return 'annual';
      if (projectCol === null) return 'annual';
      if (annualCol === null) return 'project';
      const [lo, hi, loName, hiName] =
        projectCol <= annualCol
          ? [projectCol, annualCol, 'project', 'annual'] as const
          : [annualCol, projectCol, 'annual', 'project'] as const;
      if (f.col >= hi) return hiName;
      if (f.col >= lo) return loName;
      return Math.abs(f.col - projectCol) <= Math.abs(f.col - annualCol) ? 'project' : 'annual';
    };
    for (const f of this.funds) {
      if (f.text === null) continue;
      const amount = parseAmount(f.text);
      if (amount === undefined) {
        this.warn('unreadable-amount', `${f.label}: cannot read "${f.text}" as an amount`, { page: f.page });
        continue;
      }
      if (amount === null) continue;
      const yuan = Math.round(amount * this.cellScale(f, scale) * 100) / 100;
      const group = groupOf(f);
      const slot = fundSlot(f.field, group);
      if (!slot) continue;
      const target = group === 'project' ? out.projectTotal : out.annual;
      const record = target as Record<string, number | null>;
      if (record[slot] === null) record[slot] = yuan;
      else if (f.addsLine) record[slot] = Math.round((record[slot]! + yuan) * 100) / 100;
    }
    return out;
  }
}

/** Two printings of one amount: 139.068000 and 139.068, 1,390.68 and 1390.68. */
function sameAmount(a: string | null, b: string | null): boolean {
  const x = parseAmount(a);
  return a === b || (typeof x === 'number' && x === parseAmount(b));
}

function fundSlot(field: Field, group: 'project' | 'annual'): string | null {
  switch (field) {
    case 'projectTotal':
    case 'annualTotal':
      return 'total';
    case 'fiscal':
    case 'appropriation':
      return group === 'project' ? 'fiscal' : 'appropriation';
    case 'carryover':
      return group === 'annual' ? 'carryover' : null;
    case 'otherFunds':
      return 'other';
    default:
      return null;
  }
}

function yearOfDate(iso: string | null): number | null {
  return iso ? Number(iso.slice(0, 4)) : null;
}
