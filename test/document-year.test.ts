import { describe, expect, it } from 'vitest';
import { convert } from '../src/convert.js';

/** A form that prints no year takes the document's, and says so. */
function form(name: string): string {
  return [
    `| 项目名称 | ${name} | 主管部门 | 福州市医疗保障局 |`,
    '|---|---|---|---|',
    '| 一级指标 | 二级指标 | 三级指标 | 指标值 |',
    '| 产出指标 | 数量指标 | 服务覆盖率 | =100% |',
    '| 满意度指标 | 服务对象满意度指标 | 投诉件数量 | ≤3件 |',
  ].join('\n');
}

async function parseMarkdown(text: string) {
  return convert({ path: 'budget.md', bytes: new TextEncoder().encode(text) });
}

describe('the year of forms that print none', () => {
  it("is the cover's, even when the document's first form title prints no year (a table of contents)", async () => {
    const doc = await parseMarkdown(
      ['2026 年度', '福州市医疗保障局', '部门预算', '目录', '1.项目支出绩效目标表', '', '外伤医疗费用结算审核服务费项目绩效目标表', '', form('外伤医疗费用结算审核服务费'), '', '医保服务站工作经费项目绩效目标表', '', form('医保服务站工作经费')].join('\n\n'),
    );
    expect(doc.forms.map((f) => [f.project.name, f.year])).toEqual([
      ['外伤医疗费用结算审核服务费', 2026],
      ['医保服务站工作经费', 2026],
    ]);
    // the first form takes the year line before it as its own; the second has none of its own
    expect(doc.forms[1]!.warnings.map((w) => w.code)).toContain('inferred-year');
  });

  it("is the document title's, flagged on every form that took it", async () => {
    const doc = await parseMarkdown(['2026年度项目支出绩效目标表', '甲项目绩效目标表', '', form('甲项目'), '', '乙项目绩效目标表', '', form('乙项目')].join('\n\n'));
    expect(doc.forms.map((f) => f.year)).toEqual([2026, 2026]);
    expect(doc.forms.map((f) => f.warnings.some((w) => w.code === 'inferred-year'))).toEqual([true, true]);
  });

  it('is the one printed with the form when there is one, without a warning', async () => {
    const doc = await parseMarkdown(['2026 年度', '甲项目绩效目标表', '（2025年度）', form('甲项目')].join('\n\n'));
    expect(doc.forms.map((f) => f.year)).toEqual([2025]);
    expect(doc.forms[0]!.warnings.map((w) => w.code)).not.toContain('inferred-year');
  });
});
