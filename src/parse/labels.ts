import { Alphabet, unlessExcluded } from './alphabet.js';
import { byText } from './memo.js';
import { compact } from './normalize.js';

/** Header fields of a form, each with the labels that print it. */
export type Field =
  | 'name' | 'code' | 'nature' | 'category' | 'department' | 'implementer' | 'startDate' | 'endDate' | 'period'
  | 'funds' | 'projectTotal' | 'annualTotal' | 'fiscal' | 'appropriation' | 'carryover' | 'otherFunds' | 'fundSource'
  | 'goalProject' | 'goalAnnual' | 'goalSection' | 'indicatorSection';

export const FIELD_LABELS: Record<Field, readonly string[]> = {
  name: ['项目名称', '二级项目名称', '项目名', '专项名称', '专项资金名称', '转移支付名称', '转移支付项目名称'],
  code: ['项目编码', '项目代码', '项目编号'],
  nature: ['项目性质', '项目属性'],
  category: ['项目类别', '项目类型', '项目分类'],
  department: [
    '主管部门', '主管部门及代码', '主管部门及编码', '主管部门名称', '主管单位', '主管部门(单位)', '部门名称', '市级主管部门', '省级主管部门', '资金主管部门',
    '区级主管部门', '县级主管部门',
  ],
  implementer: ['实施单位', '项目实施单位', '执行单位', '项目单位', '单位名称', '预算单位', '实施单位名称'],
  startDate: ['计划开始日期', '开始日期', '项目开始日期', '计划开始时间', '开始时间', '起始日期', '项目起始时间'],
  endDate: ['计划完成日期', '完成日期', '项目完成日期', '计划结束日期', '结束日期', '计划完成时间', '完成时间', '项目结束时间'],
  period: ['项目起止时间', '起止时间', '项目起止日期', '实施期限', '项目期限', '实施周期', '项目周期', '执行期限', '项目实施期', '项目期'],
  funds: ['项目资金', '资金总额及构成', '项目资金情况', '资金情况', '资金构成', '项目资金构成', '资金来源'],
  projectTotal: ['项目资金总额', '项目总投资', '中期资金总额', '项目总资金', '总投资', '实施期资金总额', '项目总金额'],
  annualTotal: [
    '年度资金申请总额', '年度资金总额', '年度预算数', '预算数', '年度资金', '本年预算数', '预算申报数', '年度预算申请数',
    '当年预算', '年度预算', '年度资金申请', '年度预算金额', '预算金额', '年度资金需求总额', '年度金额',
  ],
  fiscal: ['财政资金'],
  appropriation: ['当年财政拨款', '财政拨款', '本年财政拨款', '财政拨款资金', '当年财政拨款资金'],
  carryover: ['上年结转资金', '上年结转', '结转资金'],
  otherFunds: ['其他资金', '其他来源资金'],
  // fiscal money by the level of government it comes from (预算14表: 其中：中央财政资金 / 市级财政资金); the
  // output contract has no slot for them, so they are kept in `extra` under their label
  fundSource: ['中央财政资金', '中央资金', '中央补助资金', '省级财政资金', '市级财政资金', '区级财政资金', '县级财政资金', '本级财政资金', '地方财政资金'],
  goalProject: ['项目总目标', '总体目标', '中期目标', '实施期目标', '项目实施期目标', '项目总体目标', '长期目标', '实施期总目标', '项目中期目标', '整体目标', '总体绩效目标', '整体绩效目标'],
  goalAnnual: ['年度总体目标', '年度绩效目标', '当年绩效目标', '本年绩效目标', '年度目标', '年度总目标', '本年度目标', '当年目标', '当年整体绩效目标', '年度整体绩效目标'],
  goalSection: ['项目绩效目标', '绩效目标'],
  indicatorSection: ['绩效指标', '年度绩效指标', '中期绩效指标', '长期绩效指标', '项目绩效指标', '实施期绩效指标'],
};

const BY_LABEL = new Map<string, Field>();
for (const [field, labels] of Object.entries(FIELD_LABELS) as [Field, string[]][]) {
  for (const l of labels) BY_LABEL.set(l, field);
}

export interface FieldLabel {
  field: Field;
  /** The label as printed (compacted), for messages and `extra`. */
  label: string;
  /** A money unit printed with the label: 项目资金（万元）. */
  unit: '元' | '万元' | null;
  /** Text after a colon in the same cell: "项目名称：机房电费". */
  inline: string | null;
}

const UNIT = /[(（](?:金额单位|单位)?[:：]?(万元|元)[)）]/;
const PERIOD = /[(（][^()（）]*\d{4}[^()（）]*[)）]/; // 项目总体目标(2024年-2026年)
/** A parenthetical qualifier: 单位（项目）名称, 项目名称（资金使用单位）, 分值（90分）. */
const PAREN = /[(（][^()（）]*[)）]/g;

/**
 * Funds labels classified by their parts where no synonym matches: a period word, what is
 * counted, and a total word (年度预算资金总额, 本年预算申请数, 项目总额, 资金总额, 专项资金情况).
 */
const FUND_PARTS: [RegExp, Field][] = [
  [/^(年度|本年度?|当年|本期)(部门)?(预算|资金|申请|申报|安排)+(资金)?(总额|总数|总计|合计|金额|数|额)?$/, 'annualTotal'],
  [/^(项目|实施期|中期|项目总)?(资金|预算|投资)?(总额|总金额|总投资|总资金)$/, 'projectTotal'],
  [/^(项目|专项|部门)?(资金|经费)(金额|情况|构成|来源|安排)(情况)?$/, 'funds'],
  [/^(年度|本年度?|当年)?财政拨款(预算|资金|安排)*(金额|数|额)?$/, 'appropriation'],
  [/^(中央|省级?|市级?|区级?|县级?|本级|地方|上级)(财政)?(补助|转移支付)?资金$/, 'fundSource'],
];

/**
 * No label is this long, whatever spaces, line breaks or tags it prints: a longer text is no label,
 * and is not compacted to find out (a cell or a line can be megabytes).
 */
export const MAX_LABEL_TEXT = 4096;

/** Recognise a header label in a cell, with an inline value after a colon if there is one. */
export const matchFieldLabel = (text: string): FieldLabel | null => (FIELD_WORDS.excludes(text) ? null : fieldLabelMemo(text));
const fieldLabelMemo = byText(fieldLabelOf);

/** What field labels are printed with; fieldLabelOf strips or splits at brackets (units, periods, qualifiers) and colons, and drops 其中 in front. */
export const FIELD_WORDS = new Alphabet([...BY_LABEL.keys(), '其中'], FUND_PARTS.map(([re]) => re), '()（）:：');

export function fieldLabelOf(text: string): FieldLabel | null {
  if (text.length > MAX_LABEL_TEXT) return null;
  const k = compact(text);
  if (k === '' || k.length > 60) return null;
  const whole = labelKey(k);
  if (whole) return whole;
  const colon = k.search(/[:：]/);
  if (colon > 0 && colon < 16) {
    const head = labelKey(k.slice(0, colon));
    const inline = text.slice(text.search(/[:：]/) + 1).trim();
    if (head && inline !== '') return { ...head, inline };
  }
  return null;
}

function labelKey(k: string): FieldLabel | null {
  let key = k.replace(/^其中[:：]?/, '').replace(/[:：]$/, '');
  const unit = (UNIT.exec(key)?.[1] as '元' | '万元' | undefined) ?? null;
  key = key.replace(UNIT, '').replace(PERIOD, '').replace(/[:：]$/, '');
  const field = fieldOf(key);
  return field ? { field, label: k.replace(/[:：]$/, ''), unit, inline: null } : null;
}

/**
 * The field a label names. A parenthetical qualifier is read both ways: dropped (项目名称
 * （资金使用单位） → 项目名称) and as an alternative to the word before it (单位（项目）名称 →
 * 单位名称 or 项目名称); where one reading is the project's name, that one wins: a summary
 * table's rows are projects.
 */
function fieldOf(key: string): Field | null {
  const exact = BY_LABEL.get(key);
  if (exact) return exact;
  const readings = [key.replace(PAREN, '')];
  for (const m of key.matchAll(PAREN)) {
    const inner = m[0].slice(1, -1);
    const before = key.slice(0, m.index);
    if (inner.length > 0 && before.length >= inner.length) {
      readings.push(before.slice(0, before.length - inner.length) + inner + key.slice(m.index + m[0].length).replace(PAREN, ''));
    }
  }
  const fields = readings.map((r) => BY_LABEL.get(r) ?? byParts(r)).filter((f): f is Field => f !== null && f !== undefined);
  return fields.find((f) => f === 'name') ?? fields[0] ?? null;
}

function byParts(key: string): Field | null {
  return FUND_PARTS.find(([re]) => re.test(key))?.[1] ?? null;
}

/**
 * Roles of the columns of an indicator table, from its header row. A header cell with no known
 * role inside the grid is an `extra` column: its cells are kept under the printed label.
 */
export type Role = 'level1' | 'level2' | 'name' | 'value' | 'direction' | 'unit' | 'weight' | 'polarity' | 'extra';

// Matched against the whole label with parenthetical qualifiers removed (分值（90分）, 二级指标(长期)).
const TERM = '(年度|本年度?|当年|全年|中期|长期|实施期|实施周期|项目周期|项目期|整体|项目)?';
const ROLE_LABELS: [RegExp, Role][] = [
  [new RegExp(`^${TERM}一级指标(名称)?$`), 'level1'],
  [new RegExp(`^${TERM}二级指标(名称)?$`), 'level2'],
  [new RegExp(`^${TERM}(三级指标(名称)?|指标名称|指标内容|绩效指标名称|具体指标|指标)$`), 'name'],
  [/^(绩效)?(指标方向|指标性质|指标值类型|指标类型|计算符号|运算符号|比较符号|符号|运算符)$/, 'direction'],
  [/^指标方向性$/, 'polarity'],
  [/^(绩效|指标)?(度量单位|计量单位|单位)$/, 'unit'],
  [/^(权重|分值|指标权重|权重分值|分值权重|指标分值)(%|％)?$/, 'weight'],
  [new RegExp(`^${TERM}(绩效)?(指标值|目标值|预期值|绩效标准|指标目标值|预期目标值)$`), 'value'],
];

/** What column roles are printed with; roleOf strips brackets and a colon. */
export const ROLE_WORDS = new Alphabet([], ROLE_LABELS.map(([re]) => re), '()（）:：');

/** The column role a header cell names, if any. */
export const matchRole = unlessExcluded(ROLE_WORDS, byText(roleOf));

export function roleOf(text: string): Exclude<Role, 'extra'> | null {
  if (text.length > MAX_LABEL_TEXT) return null;
  const k = compact(text).replace(/[:：]$/, '').replace(PAREN, '');
  if (k === '' || k.length > 24) return null;
  for (const [re, role] of ROLE_LABELS) if (re.test(k)) return role as Exclude<Role, 'extra'>;
  return null;
}

/** 中期 / 长期 / 实施期 mark the long-term group of a dual grid; 年度 the annual one. */
export function termOf(text: string): 'midterm' | 'annual' | null {
  const k = compact(text);
  if (/中期|长期|实施期|实施周期|项目周期|整体/.test(k)) return 'midterm';
  if (/年度|当年|本年/.test(k)) return 'annual';
  return null;
}

// Years printed where the term words would be (2025年 | 2025-2027年 under 指标值): a span of years is the
// long-term group, one year the annual one.
const YEAR_SPAN = /(?:19|20)\d\d年?度?[-－—–~～至到](?:19|20)\d\d年?/;
const ONE_YEAR = /(?:19|20)\d\d年/;

/** The term a year label names: a span of years → midterm, one year → annual, else null. */
export function yearTerm(text: string): 'midterm' | 'annual' | null {
  const k = compact(text);
  if (YEAR_SPAN.test(k)) return 'midterm';
  return ONE_YEAR.test(k) ? 'annual' : null;
}

/** Labels of a note printed as a row under a form's grid (备注 | …): a note on the form, not an indicator. */
const NOTE_LABELS = ['备注', '说明', '注', '附注', '备注说明', '填表说明', '填报说明', '其他说明', '补充说明', '情况说明'];
const NOTE = new RegExp(`^(${NOTE_LABELS.join('|')})(?:[:：](.*))?$`, 's');

/** A note label in a cell, with the text after its colon if the cell carries one. */
export function matchNoteLabel(text: string): { label: string; inline: string | null } | null {
  if (text.length > MAX_LABEL_TEXT) return null;
  const m = NOTE.exec(compact(text).replace(/[:：]$/, ''));
  if (!m) return null;
  const inline = m[2] ? text.slice(text.search(/[:：]/) + 1).trim() : null;
  return { label: m[1]!, inline };
}
