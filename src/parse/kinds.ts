import type { FormKind, FormStage } from '../model/document.js';
import { compact } from './normalize.js';

// Which kind of form a title or a header row announces, and at which stage of the budget cycle.
// The words are data: a new template's wording is a line here, not a branch in a recogniser.

/**
 * Words of a department-wide form (部门（单位）整体支出绩效目标表, 部门整体预算绩效目标申报表,
 * 单位整体支出绩效目标表, 部门整体绩效自评表). Matched after parenthesised qualifiers are dropped.
 */
const DEPARTMENT_WORDS = [/部门整体/, /单位整体/, /整体支出/, /整体绩效/, /整体预算绩效/];

/** Words of a project form that also say 整体 (专项资金整体支出绩效目标表: the fund as a whole, not a department). */
const PROJECT_WORDS = [/专项资金整体/, /专项整体/, /项目整体/, /资金整体支出/];

/** Words of a self-evaluation form (项目支出绩效自评表, 部门整体绩效自评表, 绩效自我评价表). */
const SELF_EVALUATION_WORDS = [/自评/, /自我评价/];

/** A title or header text reduced to its words: no spaces, no (单位) or （2024年度） qualifiers. */
function words(text: string): string {
  return compact(text).replace(/[(（][^()（）]*[)）]/g, '');
}

/** The kind a title or header text announces, or null when it says nothing about it. */
export function kindOf(text: string | null): FormKind | null {
  if (!text) return null;
  const w = words(text);
  if (PROJECT_WORDS.some((re) => re.test(w))) return null;
  return DEPARTMENT_WORDS.some((re) => re.test(w)) ? 'department' : null;
}

/** The stage a title or header text announces, or null when it says nothing about it. */
export function stageOf(text: string | null): FormStage | null {
  if (!text) return null;
  const w = words(text);
  return SELF_EVALUATION_WORDS.some((re) => re.test(w)) ? 'self-evaluation' : null;
}
