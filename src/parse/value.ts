import type { Value } from '../model/document.js';
import { normalizeText } from './normalize.js';

export type Operator = NonNullable<Value['operator']>;

// Longest first, so 大于等于 wins over 大于 and >= over >.
const PREFIX_OPERATORS: [string[], Operator][] = [
  [['大于或等于', '大于等于', '高于或等于', '高于等于', '不低于', '不少于', '不小于', '不得低于', '不得少于', '至少', '>=', '=>', '≥', '≧', '⩾', '》'], '≥'],
  [['小于或等于', '小于等于', '低于或等于', '低于等于', '不高于', '不超过', '不多于', '不大于', '不得高于', '不得超过', '至多', '<=', '=<', '≤', '≦', '⩽', '《'], '≤'],
  [['大于', '高于', '超过', '多于', '>'], '>'],
  [['小于', '低于', '少于', '<'], '<'],
  [['等于', '==', '='], '='],
];
const PREFIXES = PREFIX_OPERATORS.flatMap(([words, op]) => words.map((w) => [w, op] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);
const SUFFIX_OPERATORS: [RegExp, Operator][] = [
  [/(?:及以上|或以上|以上)$/, '≥'],
  [/(?:及以下|或以下|以下|及以内|或以内|以内|之内|内)$/, '≤'],
];

// Units seen on these forms; a bare suffix outside this list is accepted only when short and
// free of words that make it a phrase (前, 以, 提升 …), so "2023年年底前" stays text.
const KNOWN_UNITS = new Set([
  '%', '‰', '个百分点', '百分点', '天', '日', '个工作日', '工作日', '自然日', '小时', '分钟', '秒', '年', '个月', '月', '周',
  '次', '人次', '万人次', '份', '件', '项', '个', '人', '万人', '户', '家', '台', '台套', '套', '条', '栋', '幢', '包', '篇', '本',
  '册', '万册', '场', '场次', '期', '批', '座', '辆', '艘', '架', '公里', '千米', 'km', '米', 'm', '平方米', '㎡', 'm²', '万平方米',
  '平方公里', '亩', '万亩', '公顷', '立方米', 'm³', '吨', '万吨', '千克', 'kg', '斤', '元', '万元', '亿元', '元/人', '元/月',
  '分', '所', '处', '间', '张', '名', '宗', '例', '部', '幅', '课时', '学时', '门', '盏', '根', '株', '棵', '头', '只', '羽',
  '千瓦', 'kW', '千瓦时', '度', '兆瓦', 'MW', '户次', '人/次', '次/年', '家次', '个/年', '项次', '岗', '个岗位', '支', '队',
  '班', '节', '集', '帧', '份次', '单', '笔', '卷', '盒', '箱', '袋', '瓶', '剂', '床', '床位', '分钟/次', 'GB', 'TB', 'Mbps',
]);
const PHRASE_MARKERS = /[前后内底初末中以至到~～、，,；;或和及与且提升高降低减少增加增长持续左右之间每按年度]|以上|以下/;
const UNIT_ALIASES: Record<string, string> = { 百分比: '%', '％': '%', 百分率: '%' };
/** What a 计量单位 column prints where the value has no unit (Beijing's 度量单位 `其他` beside 优). */
const NO_UNIT = new Set(['其他', '无', '不适用']);

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^[+-]?\.\d+/;

/** Remove spaces inside a value cell: "≥ 90.00 (%)" → "≥90.00(%)"; keep one between Latin words. */
function squeeze(s: string): string {
  return s.replace(/\s+/g, (m, off: number, str: string) =>
    /[A-Za-z]/.test(str[off - 1] ?? '') && /[A-Za-z]/.test(str[off + m.length] ?? '') ? ' ' : '',
  );
}

/** Dashes and slashes printed in a cell that has nothing to say (`/`, `-`, `—`, `——`): not a value. */
const PLACEHOLDER = /^[-—–－‐―~～/／\\、.。·…]+$/;

/** Is a cell's text only a placeholder for "none" (a row of a 二级指标 with no indicator: `/ | /`)? */
export function isPlaceholder(text: string | null | undefined): boolean {
  return text != null && PLACEHOLDER.test(squeeze(normalizeText(text)));
}

/** A value that is missing: nothing printed, or a placeholder (raw keeps what was printed). */
export function isMissing(value: Value): boolean {
  return value.number === null && value.text === null;
}

/** How a missing value was printed, for the missing-value warning. */
export function noValue(value: Value): string {
  return value.raw === null ? 'has no value' : `has no value (printed "${value.raw}")`;
}

/**
 * A value cell as printed → operator, number and unit, or qualitative text. A placeholder (`/`,
 * `—`) says there is no value: kept in `raw`, number and text null (the reader warns missing-value).
 */
export function parseValue(cell: string | null | undefined): Value {
  const raw = cell == null ? '' : squeeze(normalizeText(cell));
  if (raw === '') return { raw: null, operator: null, number: null, unit: null, text: null };
  if (PLACEHOLDER.test(raw)) return { raw, operator: null, number: null, unit: null, text: null };
  const quantity = readQuantity(raw) ?? readQuantity(unwrapped(raw));
  if (quantity) return { raw, ...quantity, text: null };
  return { raw, operator: null, number: null, unit: null, text: raw };
}

/** A value printed whole in parentheses, "（≥95%）" → "≥95%"; else "" (no quantity). */
function unwrapped(s: string): string {
  const m = /^[(（]([^()（）]+)[)）]$/.exec(s);
  return m ? m[1]! : '';
}

interface Quantity {
  operator: Operator | null;
  number: number;
  unit: string | null;
}

/** Operator? number unit? — or null when the cell is anything more than that. */
export function readQuantity(s: string): Quantity | null {
  let rest = s.replace(/[。；;]+$/, ''); // a quantity written as a sentence: 不少于350个。
  let operator: Operator | null = null;
  for (const [word, op] of PREFIXES) {
    if (rest.startsWith(word)) {
      operator = op;
      rest = rest.slice(word.length);
      break;
    }
  }
  for (const [re, op] of SUFFIX_OPERATORS) {
    // "95%以上" says ≥ after the number; "≥95%以上" says it twice, which is no contradiction
    if ((operator === null || operator === op) && re.test(rest)) {
      operator = op;
      rest = rest.replace(re, '');
      break;
    }
  }
  const m = NUMBER.exec(rest);
  if (!m) return null;
  const number = Number(m[0].replace(/,/g, ''));
  if (!Number.isFinite(number)) return null;
  const unit = readUnit(rest.slice(m[0].length));
  if (unit === undefined) return null;
  return { operator, number, unit };
}

/** The unit after a number: "(天)", "（个工作日）", "%", "份" → the unit; "" → null; a phrase → undefined. */
export function readUnit(s: string): string | null | undefined {
  if (s === '') return null;
  const paren = /^[(（]([^()（）]{1,12})[)）]$/.exec(s);
  if (paren) {
    const u = paren[1]!;
    return /\d/.test(u) && !/^[a-zA-Z]+\d$/.test(u) ? undefined : (UNIT_ALIASES[u] ?? u);
  }
  if (UNIT_ALIASES[s]) return UNIT_ALIASES[s];
  if (isUnitWord(s)) return s;
  // a compound unit: unit words joined by "/" (元/平方米, 微克/立方米, 万人次/年, 元/人/天), or a
  // rate whose first unit goes without saying (≤500/人·天)
  const rate = s.startsWith('/');
  const parts = (rate ? s.slice(1) : s).split('/');
  if (parts.length >= (rate ? 1 : 2) && parts.length <= 3 && parts.every(isUnitWord)) return s;
  // a unit with its alternative in parentheses: 台（套）
  const alt = /^([^()（）]+)[(（]([^()（）]+)[)）]$/.exec(s);
  if (alt && isUnitWord(alt[1]!) && isUnitWord(alt[2]!)) return s;
  return undefined;
}

function isUnitWord(s: string): boolean {
  if (KNOWN_UNITS.has(s)) return true;
  return s.length >= 1 && s.length <= 3 && !/[\d\s/]/.test(s) && !PHRASE_MARKERS.test(s) && !/[()（）]/.test(s);
}

/** Direction words in a separate 指标方向 / 指标性质 / 计算符号 column. */
export function readDirection(cell: string): { operator: Operator | null; qualitative: boolean } {
  const d = squeeze(normalizeText(cell));
  if (d === '') return { operator: null, qualitative: false };
  if (/^定性/.test(d)) return { operator: null, qualitative: true };
  if (/^正向/.test(d)) return { operator: '≥', qualitative: false };
  if (/^反向/.test(d)) return { operator: '≤', qualitative: false };
  for (const [word, op] of PREFIXES) if (d === word || d === `${word}号`) return { operator: op, qualitative: false };
  const q = readQuantity(d);
  return { operator: q?.operator ?? null, qualitative: false };
}

/**
 * Separate direction / value / unit columns combined into one value. `raw` joins the cells as
 * printed; the value cell's own operator and unit win over the columns beside it.
 */
export function combineValue(parts: { direction?: string; value?: string; unit?: string }): Value {
  const dir = parts.direction ? readDirection(parts.direction) : { operator: null, qualitative: false };
  const cells = [parts.direction, parts.value, parts.unit].map((p) => squeeze(normalizeText(p ?? '')));
  const [dirText, valueText, printedUnit] = cells as [string, string, string];
  const unitText = NO_UNIT.has(printedUnit) || PLACEHOLDER.test(printedUnit) ? '' : printedUnit;
  if (valueText === '') {
    return { raw: null, operator: null, number: null, unit: null, text: null };
  }
  const v = parseValue(valueText);
  if (isMissing(v)) return v;
  if (v.number !== null) {
    const rawDir = dir.qualitative ? '' : dirText;
    return {
      raw: rawDir + valueText + (v.unit === null ? unitText : ''),
      operator: v.operator ?? dir.operator,
      number: v.number,
      unit: v.unit ?? (unitText === '' ? null : (UNIT_ALIASES[unitText] ?? unitText)),
      text: null,
    };
  }
  // Beside a qualitative value, a unit column that prints a unit word keeps it as the unit (Beijing's
  // 定性 | 优化…处置 | 箱); anything else it prints continues the text ("较上年" + "提升").
  if (unitText === '' || valueText.endsWith(unitText)) {
    return { raw: valueText, operator: null, number: null, unit: null, text: valueText };
  }
  const unit = readUnit(unitText);
  if (unit != null) return { raw: valueText + unitText, operator: null, number: null, unit, text: valueText };
  const text = valueText + unitText;
  return { raw: text, operator: null, number: null, unit: null, text };
}

/** Money units a cell may print after its amount, with their size in 元. */
const MONEY_UNITS: [string, number][] = [['亿元', 1e8], ['万元', 1e4], ['元', 1]];

/** The money unit printed after the amount in a cell ("10000万元" → 万元), or null. */
export function printedMoneyUnit(cell: string): { unit: string; yuan: number } | null {
  const s = normalizeText(cell).replace(/\s+/g, '');
  const hit = MONEY_UNITS.find(([u]) => s.endsWith(u) && /\d$/.test(s.slice(0, -u.length)));
  return hit ? { unit: hit[0], yuan: hit[1] } : null;
}

/** A money cell: "360,000.00" → 360000; "" or "—" → null; anything unreadable → undefined. */
export function parseAmount(cell: string | null | undefined): number | null | undefined {
  if (cell == null) return null;
  const s = normalizeText(cell).replace(/[\s,，]/g, '').replace(/(万元|亿元|元)$/, '');
  if (s === '' || /^[-—–/\\无]+$/.test(s)) return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}
