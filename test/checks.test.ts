import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';
import type { Document } from '../src/model/document.js';

// Three small forms in one tab-separated export: funds that do not add up, funds with a blank
// part that fall short (the blank part holds the rest), and a project without indicators.
const GRID = ['一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t培训人次\t≥100人次'];
const TEXT = [
  '单位：元',
  '项目名称\t甲项目',
  '年度资金申请总额\t100\t当年财政拨款\t60',
  '上年结转资金\t30\t其他资金\t20',
  ...GRID,
  '',
  '项目名称\t乙项目',
  '年度资金申请总额\t100\t当年财政拨款\t60',
  '上年结转资金\t30\t其他资金\t',
  ...GRID,
  '',
  '项目名称\t丙项目',
  '项目资金总额\t50\t财政资金\t50',
].join('\n');

describe('checks on parsed forms', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await convert({ path: 'checks.txt', bytes: Buffer.from(TEXT) });
  });
  const warned = (index: number) => doc.forms[index - 1]!.warnings.map((w) => [w.code, w.message, w.form]);

  it('reads the three forms', () => {
    expect(doc.forms.map((f) => f.project.name)).toEqual(['甲项目', '乙项目', '丙项目']);
  });

  it('funds-mismatch: printed parts that do not add up to the total', () => {
    expect(warned(1)).toEqual([['funds-mismatch', '年度资金: parts add up to 110, total is 100', 1]]);
  });

  it('no warning where a blank part may hold the rest', () => {
    expect(doc.forms[1]!.funds.annual.other).toBeNull();
    expect(warned(2)).toEqual([]);
  });

  it('no-indicators: a project without indicators', () => {
    expect(warned(3)).toEqual([['no-indicators', 'form 3 (丙项目) has no indicators', 3]]);
    expect(doc.warnings).toEqual([]);
  });
});
