import { MAX_LABEL_TEXT } from './labels.js';
import { Alphabet, unlessExcluded } from './alphabet.js';
import { byText } from './memo.js';
import { compact } from './normalize.js';

/** Canonical 一级指标 names (the contract's vocabulary). */
export const LEVEL1 = ['产出指标', '成本指标', '效益指标', '满意度指标'] as const;

/** Canonical 二级指标 names, each with the 一级指标 it belongs to. 成本指标 is both levels. */
export const LEVEL2_PARENT: Record<string, string> = {
  数量指标: '产出指标',
  质量指标: '产出指标',
  时效指标: '产出指标',
  成本指标: '产出指标', // the pre-2021 forms put 成本指标 under 产出指标
  经济成本指标: '成本指标',
  社会成本指标: '成本指标',
  生态环境成本指标: '成本指标',
  经济效益指标: '效益指标',
  社会效益指标: '效益指标',
  生态效益指标: '效益指标',
  可持续影响指标: '效益指标',
  服务对象满意度指标: '满意度指标',
};

// Printed variants → canonical. Keys are compacted (no spaces) and carry no score annotation.
export const LEVEL1_SYNONYMS: Record<string, string> = {
  预期产出指标: '产出指标',
  产出目标: '产出指标',
  效果指标: '效益指标',
  预期效果指标: '效益指标',
  效益目标: '效益指标',
  社会公众或服务对象满意度: '满意度指标',
  满意度目标: '满意度指标',
};
export const LEVEL2_SYNONYMS: Record<string, string> = {
  进度指标: '时效指标',
  时间指标: '时效指标',
  环境效益指标: '生态效益指标',
  生态环境效益指标: '生态效益指标',
  环境成本指标: '生态环境成本指标',
  生态成本指标: '生态环境成本指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  社会公众满意度指标: '服务对象满意度指标',
  服务对象满意度: '服务对象满意度指标',
  服务对象指标: '服务对象满意度指标', // also 服务对象 alone in a 二级指标 column (its cell too narrow for the rest)
  可持续发展指标: '可持续影响指标',
  可持续影响: '可持续影响指标',
};

export interface LabelMatch {
  /** Canonical name. */
  name: string;
  /** 1, 2, or 'both' for 成本指标. */
  level: 1 | 2 | 'both';
  /** What was printed, after normalisation, when it differs from the canonical name. */
  printed: string | null;
}

// Score annotations: 产出指标(50分), 成本指标(0-20)分, 效益指标（30）, 满意度指标 10分
const SCORE = /[(（][^()（）]*\d[^()（）]*[)）]分?$|\d+(\.\d+)?分$/;

/**
 * Recognise an indicator-level label. `bare` also accepts names without the 指标 suffix
 * (产出, 数量 …), which is only safe where the column says the cell is a label.
 */
export function matchLevelLabel(text: string, bare = false): LabelMatch | null {
  return bare ? bareLevelLabel(text) : strictLevelLabel(text);
}

export function levelLabelOf(text: string, bare: boolean): LabelMatch | null {
  if (text.length > MAX_LABEL_TEXT) return null;
  const printed = compact(text);
  if (printed === '' || printed.length > 20) return null;
  const key = printed.replace(SCORE, '');
  const found = lookup(key) ?? (bare && !key.endsWith('指标') ? lookup(key + '指标') : null);
  if (!found) return null;
  return { ...found, printed: printed === found.name ? null : printed };
}

/**
 * Printed level names (canonical or synonym) → canonical, as maps: asking a plain object for a
 * cell's text makes V8 intern the string (each new text one more entry in its string table), and
 * finds inherited names (constructor, toString).
 */
const LEVEL1_NAMES = new Map<string, string>([...Object.entries(LEVEL1_SYNONYMS), ...LEVEL1.map((n) => [n, n] as const)]);
const LEVEL2_NAMES = new Map<string, string>([...Object.entries(LEVEL2_SYNONYMS), ...Object.keys(LEVEL2_PARENT).map((n) => [n, n] as const)]);
// a score annotation (brackets, 分) is stripped before the name is looked up
export const LEVEL_NAMES = new Alphabet([...LEVEL1_NAMES.keys(), ...LEVEL2_NAMES.keys()], [], '()（）分');
const strictLevelLabel = unlessExcluded(LEVEL_NAMES, byText((text) => levelLabelOf(text, false)));
const bareLevelLabel = unlessExcluded(LEVEL_NAMES, byText((text) => levelLabelOf(text, true)));

function lookup(key: string): Omit<LabelMatch, 'printed'> | null {
  const l1 = LEVEL1_NAMES.get(key);
  const l2 = LEVEL2_NAMES.get(key);
  if (l1 && l2) return { name: l1, level: 'both' };
  if (l1) return { name: l1, level: 1 };
  if (l2) return { name: l2, level: 2 };
  return null;
}

/** Looks like a label of the indicator hierarchy even though it is not in the vocabulary. */
export function looksLikeLevelLabel(text: string): boolean {
  if (text.length > MAX_LABEL_TEXT) return false;
  const k = compact(text);
  return k.length >= 3 && k.length <= 12 && k.endsWith('指标');
}

/**
 * Numbering printed in front of an indicator's name that is not part of it: Xi'an's 2019–2022
 * templates write every 三级指标 as `指标1：…` or `指标：…`.
 */
const NAME_PREFIXES = [/^指标\s*[0-9０-９一二三四五六七八九十]*\s*[:：]\s*/];

/** An indicator's name as printed, without its numbering prefixes (`指标2：指标2：…`; a prefix alone is kept as printed). */
export function stripNamePrefix(name: string): string {
  let out = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of NAME_PREFIXES) {
      const rest = out.replace(re, '');
      if (rest !== out && rest.trim() !== '') {
        out = rest;
        changed = true;
      }
    }
  }
  return out;
}
