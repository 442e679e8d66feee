import type { Evaluation } from '../model/document.js';
import { MAX_LABEL_TEXT } from './labels.js';
import { Alphabet, unlessExcluded } from './alphabet.js';
import { byText } from './memo.js';
import { compact, isSettled } from './normalize.js';
import { type ParseCell, type ParseRow, filled } from './rows.js';
import { parseAmount } from './value.js';

// Self-evaluation forms (绩效自评表): the columns an indicator grid adds to a target form (实际完成值,
// 分值, 得分, 偏差原因 …), the budget execution block (年初预算数 / 全年预算数 / 全年执行数 / 执行率 /
// 分值 / 得分) and the total-score rows. The words are data.

/** Columns of a scored grid beside the target form's: what each one holds. */
export type ScoredRole = 'actual' | 'weight' | 'score';

const SCORED_COLUMNS: [RegExp, ScoredRole][] = [
  [/^(实际完成值|实际完成指标值|全年实际完成值|实际完成|实际值|完成值|实际完成情况|实际达成值)$/, 'actual'],
  [/^(自评得分|得分|实际得分|评分|评价得分)$/, 'score'],
  [/^(分值|指标分值|权重|指标权重|权重分值|分值权重|标准分值)$/, 'weight'],
];

/** A printed column label without its qualifier: 分值（90分） → 分值, 支出实现率(%)⑤=④/③ → 支出实现率. */
export function bareLabel(text: string): string {
  // a settled text with nothing to strip but 其中 is its own bare label: no memo entry for a table's every name
  if (text.length <= MAX_LABEL_TEXT && !BARE_SYNTAX.test(text) && isSettled(text)) return text.startsWith('其中') ? text.slice(2) : text;
  return bareLabelOf(text);
}
const BARE_SYNTAX = /[()（）=＝①-⑳:：]/;
const bareLabelOf = byText((text: string): string =>
  // a text this long is no column label: not compacted to find out
  text.length > MAX_LABEL_TEXT ? text : compact(text)
    .replace(/[(（][^()（）]*[)）]/g, '')
    .replace(/[=＝].*$/, '')
    .replace(/[①-⑳]/g, '')
    .replace(/^其中[:：]?/, '')
    .replace(/[:：]$/, ''),
);

/** What self-evaluation column labels are printed with; bareLabel strips brackets, a formula after =, circled numbers, 其中 in front, a colon. */
export const SCORED_WORDS = new Alphabet(['其中'], SCORED_COLUMNS.map(([re]) => re), '()（）=＝:：①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳');

export function scoredRoleOf(text: string): ScoredRole | null {
  const k = bareLabel(text);
  return SCORED_COLUMNS.find(([re]) => re.test(k))?.[1] ?? null;
}
export const scoredRole = unlessExcluded(SCORED_WORDS, byText(scoredRoleOf));

/** Budget execution columns, by the words of their heading (nearest heading first). */
type EvaluationSlot = 'budgetStart' | 'budget' | 'executed' | 'rate' | 'weight' | 'score';
const EXECUTION_COLUMNS: [RegExp, EvaluationSlot][] = [
  [/年初/, 'budgetStart'],
  [/全年预算|调整后预算|小计|预算数$/, 'budget'],
  [/执行数|拨付|执行金额|支出金额|实际支出/, 'executed'],
  [/执行率|实现率|支出率/, 'rate'],
  [/^(分值|权重)/, 'weight'],
  [/得分/, 'score'],
];

/** The budget execution slot a column heading path names (nearest heading decides), or null. */
export function executionSlot(path: string[]): EvaluationSlot | null {
  for (const label of [...path].reverse()) {
    const k = bareLabel(label);
    const hit = EXECUTION_COLUMNS.find(([re]) => re.test(k));
    if (hit) return hit[1];
  }
  return null;
}

/** Rows that total a self-evaluation: 总分 (the score) and 评价等级 (the grade). */
const TOTAL_SCORE = /^(总分|总分值|评价总分|总得分|自评总分|合计得分|综合得分|自评得分|总分值、评价总分|总分值评价总分)(S)?$/;
const GRADE = /^(评价等级|自评等级|等级|绩效等级)$/;

export type SummaryRow = { kind: 'total'; score: number } | { kind: 'grade'; label: string; text: string };

/** A 总分 row (its last number is the total score) or a 评价等级 row (its text after the label). */
export function readSummaryRow(row: ParseRow): SummaryRow | null {
  const cells = filled(row);
  const first = cells[0];
  if (!first) return null;
  const label = bareLabel(first.text);
  if (TOTAL_SCORE.test(label)) {
    const numbers = cells.slice(1).map((c) => parseAmount(c.text)).filter((n): n is number => typeof n === 'number');
    return numbers.length > 0 ? { kind: 'total', score: numbers.at(-1)! } : null;
  }
  if (GRADE.test(label) && cells.length >= 2) {
    return { kind: 'grade', label, text: cells.slice(1).map((c) => c.text).join(' ') };
  }
  return null;
}

/** Goal headings of a self-evaluation: 预期目标 (the target) beside 实际完成情况 (the result). */
const EXPECTED_GOAL = /^(预期目标|年度目标|目标|年度绩效目标)$/;
const GOAL_RESULT = /^(实际完成情况|目标实际完成情况|全年实际完成情况|总体目标完成情况|实际完成|完成情况)$/;

export function goalHeadings(row: ParseRow): { expected: ParseCell; result: ParseCell } | null {
  const cells = filled(row);
  const expected = cells.find((c) => EXPECTED_GOAL.test(bareLabel(c.text)));
  const result = cells.find((c) => GOAL_RESULT.test(bareLabel(c.text)));
  return expected && result ? { expected, result } : null;
}

/** An empty evaluation, filled slot by slot as the rows go by. */
export function emptyEvaluation(): Evaluation {
  return { budgetStart: null, budget: null, executed: null, rate: null, weight: null, score: null, totalScore: null, resultText: null };
}
