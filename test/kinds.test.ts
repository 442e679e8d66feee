import { describe, expect, it } from 'vitest';
import { kindOf, stageOf } from '../src/parse/kinds.js';

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
