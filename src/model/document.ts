import { z } from 'zod';
import { InputFormatSchema } from './intermediate.js';
import { WarningSchema } from './warning.js';
import { SCHEMA_VERSION } from './build.js';

/** The output contract, schema version 1 (see README "Output"). Field names are fixed. */

const money = z.number().nullable().describe('in 元 (yuan), whatever unit the form printed');

export const ValueSchema = z.object({
  raw: z.string().nullable().describe('the value cell after text normalisation, or null when empty'),
  operator: z.enum(['=', '≥', '≤', '>', '<']).nullable(),
  number: z.number().nullable(),
  unit: z.string().nullable(),
  text: z.string().nullable().describe('the qualitative value, else null'),
});
export type Value = z.infer<typeof ValueSchema>;

export const IndicatorSchema = z.object({
  level1: z.string().nullable().describe('一级指标, canonical name'),
  level2: z.string().nullable().describe('二级指标, canonical name'),
  name: z.string().describe('三级指标'),
  value: ValueSchema,
  weight: z.number().nullable().describe('权重 / 分值, where printed'),
  term: z.enum(['annual', 'midterm']),
  page: z.number().int().nullable().describe('page where the row starts (PDF); line number for text inputs'),
  actual: ValueSchema.nullable().describe('self-evaluation: 实际完成值, read like the value; else null'),
  score: z.number().nullable().describe('self-evaluation: 得分, else null'),
  extra: z.record(z.string(), z.string()).describe('column label → cell text for indicator columns not mapped above'),
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .optional()
    .describe('with --provenance: x0, top, x1, bottom in PDF points from the page top-left, round the cells the indicator was read from on its page'),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ProjectSchema = z.object({
  name: z.string().nullable(),
  code: z.string().nullable(),
  nature: z.string().nullable(),
  category: z.string().nullable(),
  department: z.string().nullable(),
  departmentCode: z.string().nullable(),
  implementer: z.string().nullable(),
  startDate: z.string().nullable().describe('ISO date'),
  endDate: z.string().nullable().describe('ISO date'),
});
export type Project = z.infer<typeof ProjectSchema>;

export const FundsSchema = z.object({
  sourceUnit: z.enum(['元', '万元']).nullable().describe('the unit printed on the form'),
  projectTotal: z.object({ total: money, fiscal: money, other: money }),
  annual: z.object({ total: money, appropriation: money, carryover: money, other: money }),
});
export type Funds = z.infer<typeof FundsSchema>;

export const FormKindSchema = z.enum(['project', 'department']);
export type FormKind = z.infer<typeof FormKindSchema>;

export const FormStageSchema = z.enum(['target', 'self-evaluation']);
export type FormStage = z.infer<typeof FormStageSchema>;

export const TaskSchema = z.object({
  name: z.string().nullable().describe('任务名称'),
  detail: z.string().nullable().describe('主要内容 / 主要实施内容'),
  amount: money.describe('预算金额 / 拟投入资金, in 元'),
  extra: z.record(z.string(), z.string()).describe('column label → cell text for the task columns not mapped above'),
});
export type Task = z.infer<typeof TaskSchema>;

export const EvaluationSchema = z.object({
  budgetStart: money.describe('年初预算数'),
  budget: money.describe('全年预算数'),
  executed: money.describe('全年执行数'),
  rate: z.number().nullable().describe('执行率 as a percentage number (98.5)'),
  weight: z.number().nullable().describe('分值 of the budget execution'),
  score: z.number().nullable().describe('得分 of the budget execution'),
  totalScore: z.number().nullable().describe('总分'),
  resultText: z.string().nullable().describe('实际完成情况 / 总体目标完成情况'),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const FormSchema = z.object({
  index: z.number().int().min(1),
  formTitle: z.string().nullable(),
  year: z.number().int().nullable(),
  pages: z.array(z.number().int()),
  kind: FormKindSchema.describe('project (项目/专项/政策) or department (部门/单位整体支出)'),
  stage: FormStageSchema.describe('target (目标申报表/目标表) or self-evaluation (绩效自评表)'),
  project: ProjectSchema,
  funds: FundsSchema,
  goals: z.object({ project: z.string().nullable(), annual: z.string().nullable() }),
  tasks: z.array(TaskSchema).describe('department forms: 年度重点工作任务 rows; [] otherwise'),
  evaluation: EvaluationSchema.nullable().describe('self-evaluation forms: budget execution and total score; else null'),
  indicators: z.array(IndicatorSchema),
  extra: z.record(z.string(), z.string()).describe('header label → value for fields not mapped above'),
  warnings: z.array(WarningSchema),
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .optional()
    .describe('with --provenance: x0, top, x1, bottom in PDF points from the page top-left, round the form\'s cells on its first page'),
});
export type Form = z.infer<typeof FormSchema>;

export const SourceSchema = z.object({
  path: z.string(),
  format: InputFormatSchema,
  sha256: z.string(),
  pages: z.number().int().nullable(),
  pagesRead: z
    .array(z.number().int())
    .nullable()
    .describe('PDF: the pages read for tables (the others hold no form and continue none); null for other inputs'),
  encoding: z.string().nullable().describe('text encoding of a text input (utf-8, utf-16le, gb18030 …), else null'),
});

export const DocumentSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceSchema,
  title: z.string().nullable(),
  forms: z.array(FormSchema),
  warnings: z.array(WarningSchema),
});
export type Document = z.infer<typeof DocumentSchema>;
