import type { Form } from '../model/document.js';
import { warning } from '../model/build.js';
import type { Warning } from '../model/warning.js';

// Checks run on what was parsed, after reading: each looks at a built form (or the list of
// forms) as a whole and reports what does not add up. Reading-time doubts (a missing value, an
// unreadable amount, an assumed unit) are reported where the cell is read, not here.

/** A check of one form; its warnings are appended to the form's, in the order checks are listed. */
export type FormCheck = (form: Form) => Warning[];

/** A check of the whole document; its warnings are appended to the document's. */
export type DocumentCheck = (forms: Form[]) => Warning[];

/** The parts of each fund group add up to its total (年度资金 first, then 项目资金). */
const fundsAddUp: FormCheck = (form) => {
  const { annual, projectTotal } = form.funds;
  return [
    sumMismatch(form, annual.total, [annual.appropriation, annual.carryover, annual.other], '年度资金'),
    sumMismatch(form, projectTotal.total, [projectTotal.fiscal, projectTotal.other], '项目资金'),
  ].filter((w): w is Warning => w !== null);
};

/**
 * Parts that are all printed must add up to the total; where some are blank, they may only fall
 * short of it (the blank ones hold the rest).
 */
function sumMismatch(form: Form, total: number | null, parts: (number | null)[], what: string): Warning | null {
  const known = parts.filter((p): p is number => p !== null);
  if (total === null || known.length < 2) return null;
  const sum = known.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - total) <= 0.01 || (known.length < parts.length && sum < total)) return null;
  // in 元 to the fen: floating-point sums print as 2386516.3200000003 otherwise
  return warning('funds-mismatch', `${what}: parts add up to ${Math.round(sum * 100) / 100}, total is ${total}`, { form: form.index });
}

/**
 * A self-evaluation's indicator scores and its budget execution score add up to the total score
 * it prints. Each printed score may be rounded to two decimals, so the sum may be off by that much
 * per part.
 */
const scoresAddUp: FormCheck = (form) => {
  const total = form.evaluation?.totalScore ?? null;
  const parts = [...form.indicators.map((i) => i.score), form.evaluation?.score ?? null].filter((s): s is number => s !== null);
  if (total === null || parts.length === 0) return [];
  const sum = Math.round(parts.reduce((a, b) => a + b, 0) * 1000) / 1000;
  if (Math.abs(sum - total) <= 0.005 * parts.length + 1e-9) return [];
  return [warning('score-mismatch', `scores add up to ${sum}, total score is ${total}`, { form: form.index })];
};

/** A form names a project or lists indicators; one with no indicators is worth a look. */
const hasIndicators: FormCheck = (form) =>
  form.indicators.length > 0
    ? []
    : [warning('no-indicators', `form ${form.index} (${form.project.name ?? form.project.department ?? 'unnamed'}) has no indicators`, { form: form.index })];

/** A document without any form is most likely not a performance-target document, or unread. */
const hasForms: DocumentCheck = (forms) =>
  forms.length > 0 ? [] : [warning('no-forms', 'no performance-target form (绩效目标表) recognised in this document')];

export const FORM_CHECKS: readonly FormCheck[] = [fundsAddUp, scoresAddUp, hasIndicators];
export const DOCUMENT_CHECKS: readonly DocumentCheck[] = [hasForms];

/** The form with the warnings of every form check appended. */
export function checkForm(form: Form): Form {
  return { ...form, warnings: [...form.warnings, ...FORM_CHECKS.flatMap((check) => check(form))] };
}

/** The warnings of every document check. */
export function checkDocument(forms: Form[]): Warning[] {
  return DOCUMENT_CHECKS.flatMap((check) => check(forms));
}
