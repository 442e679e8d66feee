import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, parseFixture, readExpected } from './helpers/expected.js';
import { scoreDocument } from './helpers/score.js';

interface Expected {
  forms: { project: { name: string | null; department: string | null; implementer: string | null }; funds: unknown; goals: unknown; indicators: [string, string, string, string][] }[];
}

// fuzhou-ybj 2026 pp. 30–31 with every stroke and fill taken out of the page: the same forms
// printed without rulings. Padded cells, centred text and labels centred over merged rows.
describe('forms printed without rulings (fixtures/real-budgets/fuzhou-ybj-2026-without-rulings.pdf)', () => {
  const want = JSON.parse(readFileSync(fixture('real-budgets/fuzhou-ybj-2026-without-rulings.ruled.json'), 'utf8')) as Expected;

  it('reads each indicator with its 一级 and 二级 labels, as the ruled pages give them', async () => {
    const doc = await parseFixture('real-budgets/fuzhou-ybj-2026-without-rulings.pdf');
    expect(doc.forms).toHaveLength(2);
    doc.forms.forEach((form, k) => {
      const rows = form.indicators.map((i) => [i.level1, i.level2, i.name, i.value.raw]);
      expect(rows).toEqual(want.forms[k]!.indicators);
      expect(form.funds).toEqual(want.forms[k]!.funds);
      expect(form.goals).toEqual(want.forms[k]!.goals);
      expect([form.project.department, form.project.implementer]).toEqual([want.forms[k]!.project.department, want.forms[k]!.project.implementer]);
    });
    // the first form's name cell stands clear of its label; the second's runs into it (see the README)
    expect(doc.forms[0]!.project.name).toBe(want.forms[0]!.project.name);
  });
});

// guangzhou-sthjj 2026's department form (tasks, 实施周期 and 年度 value columns, 400 indicators)
// with its rulings taken out, scored against the hand-checked gold of the ruled page
describe('a department form printed without rulings (fixtures/real-budgets/guangzhou-sthjj-2026-without-rulings.pdf)', () => {
  it('reads every indicator as the gold has it', async () => {
    const doc = await parseFixture('real-budgets/guangzhou-sthjj-2026-without-rulings.pdf');
    const s = scoreDocument(doc, readExpected('real-budgets/guangzhou-sthjj-2026-dept-overall.expected.json'));
    expect(s.indicators, s.misses.slice(0, 10).join('\n')).toEqual([400, 400]);
    // the task table's amounts sit in cells too narrow to keep them apart from the task names: header 20/26
    expect(s.header[0]).toBeGreaterThanOrEqual(20);
  });
});

// split-2023's first form with its rulings taken out: rows set as close as a cell's wraps, labels at
// the top of their blocks. Wide blanks here only skip over empty cells, so the page is not read as
// padded cells but line by line (borderless.ts), which reads it whole.
describe('a tightly set form printed without rulings (fixtures/pdf/split-2023-without-rulings.pdf)', () => {
  it('is read line by line, each indicator in its place', async () => {
    const want = JSON.parse(readFileSync(fixture('pdf/split-2023-without-rulings.form1.json'), 'utf8')) as {
      project: Record<string, string>;
      indicators: unknown[][];
    };
    const doc = await parseFixture('pdf/split-2023-without-rulings.pdf');
    const form = doc.forms[0]!;
    expect([form.project.name, form.project.department, form.project.implementer]).toEqual([want.project.name, want.project.department, want.project.implementer]);
    expect(form.indicators.map((i) => [i.level1, i.level2, i.name, i.value.operator, i.value.number, i.value.unit, i.value.text])).toEqual(want.indicators);
  });
});
