import { describe, expect, it } from 'vitest';
import { kindOf, projectNameOfTitle, stageOf } from '../src/parse/kinds.js';

describe('form kind and stage from a title', () => {
  it.each([
    ['财政项目支出绩效目标申报表', null, null],
    ['项目支出绩效目标表（2026年度）', null, null],
    ['部门（单位）整体支出绩效目标表', 'department', null],
    ['广州市生态环境局2026年部门整体预算绩效目标申报表', 'department', null],
    ['预算13表 部门整体支出绩效目标表', 'department', null],
    ['单位整体支出绩效目标表', 'department', null],
    ['2019年专项资金整体支出绩效目标表', null, null],
    ['部门整体绩效自评表（2024年度）', 'department', 'self-evaluation'],
    ['项目支出绩效自评表', null, 'self-evaluation'],
    ['2023年度项目绩效 自 评 表', null, 'self-evaluation'],
  ])('%s', (title, kind, stage) => {
    expect(kindOf(title)).toBe(kind);
    expect(stageOf(title)).toBe(stage);
  });
});

describe("a project's name printed only in its form's title", () => {
  it.each([
    ['知创大厦泉州知识产权馆建设费用项目绩效目标表', '知创大厦泉州知识产权馆建设费用'],
    ['市对区旅游发展共同事权转移支付资金绩效目标表', '市对区旅游发展共同事权转移支付资金'],
    // titles of a family of forms name no project
    ['2021年部门预算专项业务经费绩效目标表', null],
    ['表14-3 2026年项目支出绩效目标表', null],
    ['预算12表 项目支出绩效目标表', null],
    ['（2026年度）财政项目支出绩效目标申报表', null],
    ['政策和项目预算绩效目标表', null],
    ['2026年市本级专项资金绩效目标表', null],
    ['项目支出绩效自评表', null],
    ['2026年项目绩效目标汇总表', null],
  ])('%s', (title, name) => expect(projectNameOfTitle(title)).toBe(name));
});
