import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compact, dropSpaces, isSettled, joinWraps, normalizeSteps, normalizeText } from '../src/parse/normalize.js';
import { matchLevelLabel } from '../src/parse/vocabulary.js';

describe('text normalisation', () => {
  it.each([
    ['项⽬名称', '项目名称'], // Kangxi radical U+2F6C
    ['⻄部⼈⺠', '西部人民'], // CJK Radicals Supplement
    ['产出 指标', '产出指标'],
    ['服务对象满意度 指标', '服务对象满意度指标'],
    ['持续 24 小时供电', '持续24小时供电'],
    ['Level A  plan', 'Level A plan'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['数据更新机制有效性（活数据）', '数据更新机制有效性（活数据）'],
    ['保障供电，设备运转。', '保障供电，设备运转。'],
    ['<p>第一段</p> <p>第二段</p>', '第一段\n第二段'],
    ['<ol><li>甲</li><li>乙</li></ol>', '甲\n乙'],
    ['a&amp;b&nbsp;c', 'a&b c'],
    ['$\\geq 95\\%$', '≥95%'],
    ['\\(x \\leq 3\\)', 'x≤3'],
    ['  前后空白  ', '前后空白'],
    ['第一行\r\n\r\n第二行', '第一行\n第二行'],
    ['面积100㎡', '面积100㎡'],
  ])('%j → %j', (input, want) => expect(normalizeText(input)).toBe(want));

  it('compacts for matching', () => {
    expect(compact(' 项目 绩效\n目标 ')).toBe('项目绩效目标');
  });

  // what each step reacts to (markup, entities, LaTeX, spaces, line breaks, radicals, compatibility
  // forms, full-width punctuation kept, surrogates) beside text no step changes
  const PIECES = ['指标', '12', 'a', '≥', '%', '。', '（', '）', '：', ' ', '  ', '\t', '\n', '\r', '\f', '\u00a0', '\u200b', '\u3000',
    '\ufeff', '<p>', '</p>', '<', '&amp;', '&', '$', '\\geq', 'ＡＢ', '１', '⽬', '\u2e80', '㎡', '①', '²', '\uf900', '𠀀', '\ud840', 'ｱ'];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((p) => p.join(''));

  it('skips the steps only for text they leave as it is, with no whitespace', () => {
    fc.assert(fc.property(text, (s) => !isSettled(s) || (normalizeSteps(s) === s && dropSpaces(s) === s)), { seed: 14, numRuns: 5000 });
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (isSettled(ch)) expect(normalizeSteps(ch), `U+${c.toString(16)}`).toBe(ch);
    }
  });

  it('normalises and compacts as the steps do', () => {
    fc.assert(fc.property(text, (s) => normalizeText(s) === normalizeSteps(s) && compact(s) === dropSpaces(normalizeSteps(s))), { seed: 14, numRuns: 5000 });
    expect(isSettled('指标12≥95%')).toBe(true);
    expect(isSettled('指标 12')).toBe(false);
  });
});

describe('goal text: wrapped lines joined, paragraphs and items kept', () => {
  it.each([
    // a cell that wrapped mid-sentence
    ['保障全市网络\n安全运行', '保障全市网络安全运行'],
    // numbered goals with no sentence end between them (xian-zrzyj 2022)
    ['目标1：加快构建国土空间开发保护新格局\n目标2：持续提升城市规划管控水平', '目标1：加快构建国土空间开发保护新格局\n目标2：持续提升城市规划管控水平'],
    ['（一）完成采购\n（二）完成验收', '（一）完成采购\n（二）完成验收'],
    ['① 完成采购\n② 完成验收', '① 完成采购\n② 完成验收'],
    ['第一，完成采购\n第二，完成验收', '第一，完成采购\n第二，完成验收'],
    // a number at a wrap is not item 1, nor is 第二 before a noun
    ['全年安排资金\n1.5万元', '全年安排资金1.5万元'],
    ['完成全年任务\n第二季度验收', '完成全年任务第二季度验收'],
    // a paragraph end keeps the break whatever follows
    ['完成采购。\n验收合格', '完成采购。\n验收合格'],
    ['Improve the\nservice', 'Improve the service'],
  ])('%j', (input, expected) => {
    expect(joinWraps(input)).toBe(expected);
  });
});

describe('indicator vocabulary', () => {
  it.each([
    ['产出 指标', '产出指标', 1],
    ['产出指标(50分)', '产出指标', 1],
    ['成本指标（0-20）分', '成本指标', 'both'],
    ['预期产出指标', '产出指标', 1],
    ['效果指标', '效益指标', 1],
    ['社会公众或服务对象满意度指标', '服务对象满意度指标', 2],
    ['进度指标', '时效指标', 2],
    ['环境效益指标', '生态效益指标', 2],
    ['服务对象满意度 指标', '服务对象满意度指标', 2],
  ] as const)('%s → %s', (printed, name, level) => {
    expect(matchLevelLabel(printed)).toMatchObject({ name, level });
  });

  it('does not take indicator names for labels', () => {
    expect(matchLevelLabel('群众满意度')).toBeNull();
    expect(matchLevelLabel('双星指标')).toBeNull();
    expect(matchLevelLabel('数量')).toBeNull();
    expect(matchLevelLabel('数量', true)).toMatchObject({ name: '数量指标' });
    // 服务对象 alone is a label only where the column says so (xian-xcb: the rest cut by its cell)
    expect(matchLevelLabel('服务对象')).toBeNull();
    expect(matchLevelLabel('服务对象', true)).toMatchObject({ name: '服务对象满意度指标', level: 2, printed: '服务对象' });
  });
});
