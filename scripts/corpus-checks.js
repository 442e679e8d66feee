// Gold-free checks of ptarget output (used by scripts/check-corpus.js): things that are wrong in any
// document, whatever its template, so they can be counted over a folder of real PDFs without expected JSON.
// Pure functions over the output contract (../shared/spec/output.md); no knowledge of ptarget's internals.

/**
 * A separator that makes two numbers one reading: it begins or ends with a joining character (range, ratio,
 * fraction, product: `10-20`, `1:1`, `3/4`, `7×24`), holds a list separator or a second operator anywhere
 * (`≥30次；≥30篇`, `≥95%，≥90%`), or opens a bracket (`500元/月（10兆带宽）`: a number in an annotation).
 */
const CONNECTOR = /^[-~～至到:：/×xX*.+·]|[-~～至到:：/×xX*.+·(（\[【]$|[；;，,、≥≤><=≧≦]/;

/** Units of a date, time or duration: `2023年12月31` or `2小时30` is one reading, not two columns. */
const CALENDAR_UNITS = new Set(['年', '月', '日', '号', '天', '时', '点', '分', '秒', '小时', '分钟', '季度', '周', '年度']);

const OPERATOR = '(?:[≥≤><=＝≧≦]|大于等于|小于等于|不低于|不高于|不少于|不超过|不多于|大于|小于|高于|低于|达到|约)?';
const NUMBER = '\\d+(?:\\.\\d+)?';

/**
 * The value text as one quantity, or two or more quantities glued without a separator:
 * operator? number (unit number)+ unit?  — where each unit is a short run without digits.
 * Returns the numbers and the units between them, or null when the text is not of that shape.
 */
function quantityChain(text) {
  // NFKC turns ㎡ into m2: an exponent after a Latin unit is part of the unit, not a number
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/(?<=[a-zA-Z])[23](?![\d.])/g, '²');
  const m = new RegExp(`^${OPERATOR}(${NUMBER})(.*)$`).exec(s);
  if (!m) return null;
  const numbers = [Number(m[1])];
  const units = [];
  let rest = m[2];
  const step = new RegExp(`^([^\\d]{1,6}?)(${NUMBER})`);
  for (;;) {
    const n = step.exec(rest);
    if (!n) break;
    units.push(n[1]);
    numbers.push(Number(n[2]));
    rest = rest.slice(n[0].length);
  }
  if (/\d/.test(rest) || rest.length > 6) return null;
  return { numbers, units, tail: rest };
}

/**
 * Does a value's text still hold a second number from a neighbouring column (分值/权重, 指标值内容 …)?
 *
 * Heuristic, on the normalised raw text with spaces removed:
 *  - it must read as `operator? NUMBER UNIT NUMBER [UNIT NUMBER …] [UNIT]`: at least two numbers, each pair
 *    separated by a short digit-free run (≤ 6 characters) that is a unit (`万元`, `人`, `%`, `台（套）`);
 *    anything longer, or any sentence text, makes it a qualitative value, not glued columns;
 *  - a separator that begins or ends with a joining character (`-`, `~`, `至`, `/`, `:`, `×`, `.`, `、`…) makes
 *    a range, ratio, fraction or list (`10-20`, `1:1`, `3/4`, `95%-100%`), so not glued; a unit with a slash
 *    inside (`元/人次`) is still a unit;
 *  - a chain whose units are all calendar/clock units (`2023年12月31日前`, `2小时30分钟`) is a date or a
 *    duration, and so is a date cut after its last number (`2023年12`, `12月31`), and a count per period
 *    (`1年1次`: a period, then a number with a non-calendar unit of its own); `2小时30` (a duration with its
 *    last unit left off) is flagged: rare in real forms, and the samples printed by check-corpus show it;
 *  - everything else is glued: a bare number after a unit (`≤2134.87万元20`, `≥96%8`, `≥110人123人6`: the
 *    weight or a second value column printed after the unit) or two quantities in a row (`100%100%`).
 * Numbers glued digit to digit (`≤5005` for `≤500` + weight `5`) cannot be told from the text alone; see
 * weightSumSuspect for those.
 */
export function gluedNumber(raw) {
  if (typeof raw !== 'string' || raw === '') return false;
  const chain = quantityChain(raw);
  if (!chain || chain.numbers.length < 2) return false;
  if (chain.units.some((u) => CONNECTOR.test(u))) return false;
  if (chain.tail === '') return !truncatedDate(chain);
  // a date or duration written out: calendar units between the numbers, any words after the last one
  const between = chain.units.map((u) => u.replace(/[以内前后底末初]+$/, ''));
  const last = [...CALENDAR_UNITS].some((u) => chain.tail.startsWith(u));
  if (between.every((u) => CALENDAR_UNITS.has(u)) && (last || isFrequency(chain))) return false;
  return true;
}

/**
 * `1年1次`, `每月2次`, `3天1批`: a count per period — a period (number and calendar unit), then a number
 * with a unit of its own that is not a calendar unit. A glued column leaves its number bare (`≥96%8`) or
 * repeats the value's unit (`100%100%`); a frequency's two units differ and both are printed.
 */
function isFrequency({ numbers, tail }) {
  return numbers.length === 2 && tail !== '' && !/\d/.test(tail) && ![...CALENDAR_UNITS].some((u) => tail.startsWith(u));
}

/** `2023年12` or `12月31`: a date whose last unit was left off, not a number from the next column. */
function truncatedDate({ numbers, units }) {
  const last = units[units.length - 1];
  const before = numbers[numbers.length - 2];
  const after = numbers[numbers.length - 1];
  if (last === '年') return before >= 1900 && before <= 2100 && after >= 1 && after <= 12;
  if (last === '月') return before >= 1 && before <= 12 && after >= 1 && after <= 31;
  return false;
}

/**
 * A form where a weight column was glued digit to digit onto the values (`≥9020` = `≥90` + weight `20`):
 * no indicator has a weight, and cutting one or two trailing digits (a weight of 1–30) off the values gives
 * weights that add up to 100 or 90 (a 分值 column of 90 points beside a 执行率 of 10). At most one value in
 * five may not fit (a row whose cells shifted, a value printed without its weight). Reported apart from
 * gluedNumber: a suspicion, not a proof, and only for forms of ≥ 4 indicators.
 */
export function weightSumSuspect(form) {
  const inds = form.indicators ?? [];
  if (inds.length < 4 || inds.some((i) => i.weight != null)) return false;
  const spare = Math.max(1, Math.floor(inds.length / 5));
  // reachable weight sums → fewest values left out to reach them
  let sums = new Map([[0, 0]]);
  for (const i of inds) {
    const next = new Map();
    const keep = (sum, skipped) => {
      if (sum <= 100 && skipped <= spare && (next.get(sum) ?? Infinity) > skipped) next.set(sum, skipped);
    };
    const weights = trailingWeights(i.value?.raw);
    for (const [sum, skipped] of sums) {
      keep(sum, skipped + 1);
      for (const w of weights) keep(sum + w, skipped);
    }
    sums = next;
  }
  return sums.has(100) || sums.has(90);
}

/** The weights a value could end in: its last one or two digits (1–30), leaving a number in front. */
function trailingWeights(raw) {
  const s = (raw ?? '').normalize('NFKC').replace(/\s+/g, '');
  const out = [];
  for (const k of [1, 2]) {
    const tail = s.slice(-k);
    if (!/^[1-9]\d?$/.test(tail) || tail.length !== k || !/\d/.test(s.slice(0, -k))) continue;
    if (Number(tail) <= 30) out.push(Number(tail));
  }
  return out;
}

/** A value that is neither a number nor a text (both null). */
export function emptyValue(value) {
  return value == null || (value.number == null && value.text == null);
}

/** All warnings of a document: its own and every form's, each once. */
export function allWarnings(doc) {
  const seen = new Set();
  const out = [];
  for (const w of [...(doc.warnings ?? []), ...(doc.forms ?? []).flatMap((f) => f.warnings ?? [])]) {
    const k = JSON.stringify(w);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(w);
    }
  }
  return out;
}

export const CHECKS = [
  'forms',
  'indicators',
  'formsWithoutIndicators',
  'unnamedForms',
  'emptyIndicatorNames',
  'emptyValuesUnwarned',
  'gluedNumbers',
  'weightSumSuspects',
];

/**
 * Counts of one converted document, with up to `samples` examples per finding (form index, page, text).
 */
export function checkDocument(doc, samples = 3) {
  const counts = Object.fromEntries(CHECKS.map((c) => [c, 0]));
  // examples of each finding, and of missing-value warnings (to compare with the page: is the value really missing?)
  const examples = Object.fromEntries([...CHECKS.slice(2), 'missingValueWarnings'].map((c) => [c, []]));
  const note = (check, ex) => {
    counts[check]++;
    if (examples[check].length < samples) examples[check].push(ex);
  };
  const warnings = allWarnings(doc);
  const missingByForm = new Map();
  for (const w of warnings) {
    if (w.code !== 'missing-value') continue;
    if (examples.missingValueWarnings.length < samples) examples.missingValueWarnings.push({ form: w.form, page: w.page, message: w.message });
    const list = missingByForm.get(w.form) ?? [];
    list.push(w.message ?? '');
    missingByForm.set(w.form, list);
  }
  for (const form of doc.forms ?? []) {
    counts.forms++;
    const inds = form.indicators ?? [];
    counts.indicators += inds.length;
    const where = { form: form.index, pages: form.pages, name: form.project?.name ?? form.project?.department ?? null };
    if (inds.length === 0) note('formsWithoutIndicators', where);
    if (!form.project?.name && !form.project?.department) note('unnamedForms', where);
    if (weightSumSuspect(form)) note('weightSumSuspects', { ...where, raw: inds.slice(0, 4).map((i) => i.value?.raw) });
    const missing = missingByForm.get(form.index) ?? [];
    for (const ind of inds) {
      const at = { form: form.index, page: ind.page, name: ind.name, raw: ind.value?.raw ?? null };
      if (!ind.name || !String(ind.name).trim()) note('emptyIndicatorNames', at);
      if (emptyValue(ind.value)) {
        // a missing-value warning names its indicator; one that names none covers any
        const i = missing.findIndex((m) => (ind.name ? m.includes(ind.name) : true));
        if (i >= 0) missing.splice(i, 1);
        else note('emptyValuesUnwarned', at);
      }
      if (gluedNumber(ind.value?.raw)) note('gluedNumbers', at);
    }
  }
  const byCode = {};
  for (const w of warnings) byCode[w.code] = (byCode[w.code] ?? 0) + 1;
  return { counts, warnings: byCode, examples };
}
