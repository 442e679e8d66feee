import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document } from '../src/model/document.js';
import { checkDocument } from '../scripts/corpus-checks.js';
import { fixture, parseFixture, readExpected } from './helpers/expected.js';
import { scoreDocument } from './helpers/score.js';

// Real published budgets (fixtures/real-budgets/README.md): the form pages of the hand-checked documents,
// scored field by field as the project's scoring tool does, and samples of other real templates, checked
// without gold for what is wrong in any document.

const DIR = 'real-budgets';
const names = readdirSync(fixture(DIR))
  .filter((f) => f.endsWith('.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''))
  .sort();
const withGold = names.filter((n) => readdirSync(fixture(DIR)).includes(`${n}.expected.json`));

const parsed = new Map<string, Promise<Document>>();
const parse = (name: string): Promise<Document> => {
  if (!parsed.has(name)) parsed.set(name, parseFixture(`${DIR}/${name}.pdf`));
  return parsed.get(name)!;
};

/**
 * Floors: the fraction of header and indicator fields right today, per document (all its gold forms,
 * department and self-evaluation forms included). Every one is read whole today, so every floor is 1:
 * lower one only with a reason in the commit message.
 */
const FLOORS: Record<string, { header: number; indicators: number }> = {
  'beijing-ybj-2026-dept-budget': { header: 1, indicators: 1 },
  'central-xfj-2026-dept-budget': { header: 1, indicators: 1 },
  'changsha-xfj-2026-dept-budget': { header: 1, indicators: 1 },
  'fuzhou-ybj-2026-dept-budget': { header: 1, indicators: 1 },
  'guangzhou-sthjj-2026-dept-overall': { header: 1, indicators: 1 },
  'ningde-zfb-2024-dept-selfeval': { header: 1, indicators: 1 },
  'shanghai-putuo-wanli-2023-dept-budget': { header: 1, indicators: 1 },
  'xian-sfj-2026-dept-budget': { header: 1, indicators: 1 },
  'yantai-zjj-2026-dept-budget': { header: 1, indicators: 1 },
};

describe('real budgets against their hand-checked gold', () => {
  it('has a floor for every document with gold', () => {
    expect(Object.keys(FLOORS).sort()).toEqual(withGold);
  });

  it.each(withGold)('%s scores at least its floor', async (name) => {
    const s = scoreDocument(await parse(name), readExpected(`${DIR}/${name}.expected.json`));
    const frac = ([right, total]: [number, number]) => right / Math.max(total, 1);
    const floor = FLOORS[name]!;
    expect.soft(frac(s.header), `header; misses:\n${s.misses.slice(0, 20).join('\n')}`).toBeGreaterThanOrEqual(floor.header);
    expect.soft(frac(s.indicators), `indicators; misses:\n${s.misses.slice(0, 20).join('\n')}`).toBeGreaterThanOrEqual(floor.indicators);
  });
});

/**
 * Gold-free: no glued numbers, unnamed forms, forms without indicators, empty names or unwarned empty
 * values (scripts/corpus-checks.js). Documents that fail a check today are listed here and run as expected
 * failures: when a change makes one pass, vitest reports it, and it comes off the list.
 */
const FAILS_TODAY: Record<string, string> = {
};

/** Forms printed with no indicator rows, each checked on the page image: the check expects exactly these. */
const PRINTED_WITHOUT_INDICATORS: Record<string, number> = {
  'beijing-jmrhb-2026-budget-tables': 1, // 预算13表 with a goal, its indicator rows empty
};

describe('real budgets and templates, gold-free', () => {
  for (const name of names) {
    const test = FAILS_TODAY[name] ? it.fails : it;
    test(`${name} has no glued numbers, unnamed or empty forms, empty names or unwarned empty values`, async () => {
      const doc = await parse(name);
      const { counts, examples } = checkDocument(doc, 3);
      expect(counts.forms).toBeGreaterThan(0);
      const bad = {
        formsWithoutIndicators: counts.formsWithoutIndicators,
        unnamedForms: counts.unnamedForms,
        emptyIndicatorNames: counts.emptyIndicatorNames,
        emptyValuesUnwarned: counts.emptyValuesUnwarned,
        gluedNumbers: counts.gluedNumbers,
      };
      expect(bad, JSON.stringify(examples)).toEqual({
        formsWithoutIndicators: PRINTED_WITHOUT_INDICATORS[name] ?? 0, unnamedForms: 0, emptyIndicatorNames: 0, emptyValuesUnwarned: 0, gluedNumbers: 0,
      });
    });
  }
});
