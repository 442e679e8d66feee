import type { Indicator } from '../model/document.js';
import { oneLine } from './normalize.js';

// Indicators packed into one cell as numbered text, one project per table row:
//   1、1－产出指标，11－数量指标，会议活动保障次数；实施周期指标值：≥20场，年度指标值：≥20场；2、…
// Each item: a coded 一级指标 (one digit), a coded 二级指标 (two digits), the name, then the value
// of each term after its keyword. Separators vary between exports (，；。 full or half width,
// － or -, ：or :), numbering may restart inside a cell, and a value may hold commas itself.

type Term = Indicator['term'];

/** Keywords that introduce a value in a packed item, and the term of the value they introduce. */
const VALUE_KEYWORDS: [string, Term][] = [
  ['实施周期指标值', 'midterm'],
  ['中期指标值', 'midterm'],
  ['长期指标值', 'midterm'],
  ['年度指标值', 'annual'],
  ['指标值', 'annual'],
];

/** A value keyword and its colon (left out by some rows before an operator: `年度指标值》90%`). */
const KEYWORD = new RegExp(`(${VALUE_KEYWORDS.map(([k]) => k).join('|')})\\s*(?:[:：]|(?=[》《≥≤><=≧≦]))`, 'g');
/**
 * Where an item starts: its number, right before a coded 一级指标 (`1、1－`, `1.4－`), after a
 * separator or right after the last item's keyword where its value was left blank (`年度指标值：7、2－`).
 */
const ITEM_START = /(?:^|(?<=[；;。，,：:]))\s*\d{1,3}\s*[、.．]\s*(?=\d\s*[－-])/g;
/** The coded levels at the head of an item: `1－产出指标，11－数量指标，` (the 二级 may be missing). */
const LEVELS = /^\s*\d\s*[－-]\s*([^，,；;]*?)\s*[，,；;]\s*(?:\d{2}\s*[－-]\s*([^，,；;]*?)\s*[，,；;])?\s*/;
const EDGE_PUNCTUATION = /^[\s，,；;。.]+|[\s，,；;。.]+$/g;

/** One item of a packed cell, levels as printed (without their codes). */
export interface PackedItem {
  level1: string;
  level2: string | null;
  name: string;
  values: { term: Term; text: string }[];
}

/** True if the text reads as packed indicators: a numbered item with coded levels and a value keyword. */
export function isPacked(text: string): boolean {
  const t = oneLine(text);
  return new RegExp(ITEM_START.source).test(t) && new RegExp(KEYWORD.source).test(t);
}

/** The items of a packed cell, in the order printed. Text that is not an item is left out. */
export function readPacked(text: string): PackedItem[] {
  const t = oneLine(text);
  const starts = [...t.matchAll(ITEM_START)].map((m) => ({ at: m.index, body: m.index + m[0].length }));
  return starts
    .map((s, i) => readItem(t.slice(s.body, starts[i + 1]?.at ?? t.length)))
    .filter((item): item is PackedItem => item !== null);
}

function readItem(text: string): PackedItem | null {
  const levels = LEVELS.exec(text);
  if (!levels) return null;
  const keys = [...text.matchAll(KEYWORD)];
  const head = text.slice(levels[0].length, keys[0]?.index ?? text.length);
  const values = keys.map((k, i) => ({
    term: VALUE_KEYWORDS.find(([word]) => word === k[1])![1],
    text: text.slice(k.index + k[0].length, keys[i + 1]?.index ?? text.length).replace(EDGE_PUNCTUATION, ''),
  }));
  return {
    level1: levels[1]!,
    level2: levels[2] ?? null,
    name: head.replace(EDGE_PUNCTUATION, ''),
    values,
  };
}
