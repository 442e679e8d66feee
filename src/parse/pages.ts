import { FIELD_LABELS } from './labels.js';
import { normalizeText } from './normalize.js';
import { LEVEL1, LEVEL1_SYNONYMS, LEVEL2_PARENT, LEVEL2_SYNONYMS } from './vocabulary.js';

/**
 * Which pages of a long document can hold a form, from their text alone, so that the extractor
 * reads tables only there (a budget's covers, notes and tables of income and expenditure come
 * first and make up most of its pages). The words are the parser's own: a form's title, its
 * indicator hierarchy and its header labels say 指标, 绩效 or 目标, or name a level of the hierarchy
 * or a field that only forms print. Money labels (预算数, 财政拨款 …) are left out: every budget
 * table prints them. A page of a form that says none of this (the rows of a table that runs on)
 * is read because the page before it ends in a table (the extractor's rule, not this one).
 */
const CORE = ['指标', '绩效', '目标'];

/** Fields whose labels name a project or its form, not money. */
const FORM_FIELDS = ['name', 'code', 'nature', 'category', 'department', 'implementer', 'goalProject', 'goalAnnual', 'goalSection', 'indicatorSection'] as const;

const WORDS = [
  ...new Set([
    ...CORE,
    ...LEVEL1,
    ...Object.keys(LEVEL1_SYNONYMS),
    ...Object.keys(LEVEL2_PARENT),
    ...Object.keys(LEVEL2_SYNONYMS),
    ...FORM_FIELDS.flatMap((f) => FIELD_LABELS[f]),
  ]),
]
  // a word that contains another adds nothing
  .filter((w, _i, all) => !all.some((o) => o !== w && w.includes(o)));

/** Whether a page with this text may hold (part of) a form. */
export function mayHoldForm(pageText: string): boolean {
  const text = normalizeText(pageText).replace(/\s+/g, '');
  return WORDS.some((w) => text.includes(w));
}

/** The words a page must contain (one of) to be read for its tables, for documentation and tests. */
export const FORM_PAGE_WORDS: readonly string[] = WORDS;
