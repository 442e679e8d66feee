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

/** What a form title prints around a project's name: a table number, the year, the kind of form. */
const TITLE_FRAME = [
  /^(表|预算)\s*[\d一二三四五六七八九十]+([-－]\d+)?\s*表?[-－—:：.、\s]*/, // 表14-3, 预算14表
  /[(（][^()（）]*[)）]/g, // （2026年度）
  /^\s*(19|20)\d{2}\s*年度?/,
  /(项目支出|项目|专项|政策和项目|财政项目支出|专项资金)?(预算)?绩效(目标)?(申报|填报)?表$/,
];
/** Words that title a whole family of forms (部门预算专项业务经费 …), never one project. */
const GENERIC_TITLE_WORDS = /部门|单位|预算|项目|支出|专项|业务|经费|资金|政策|财政|综合|年度|[市区县省]?本级|[市区县省]级|和|及|的|\d/g;

/**
 * A project's name printed only in its form's own title (知创大厦泉州知识产权馆建设费用项目绩效目标表):
 * the title without its frame, or null when what is left only names a family of forms
 * (2021年部门预算专项业务经费绩效目标表).
 */
export function projectNameOfTitle(title: string | null): string | null {
  if (!title) return null;
  let rest = title.trim();
  for (const re of TITLE_FRAME) rest = rest.replace(re, '');
  rest = compact(rest);
  // a frame not recognised (…绩效自评表, …绩效目标汇总) leaves 绩效 in: not a name
  return rest.includes('绩效') || rest.replace(GENERIC_TITLE_WORDS, '') === '' ? null : rest;
}
