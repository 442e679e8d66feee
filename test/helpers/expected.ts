import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convert } from '../../src/convert.js';
import type { Document } from '../../src/model/document.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

export function fixture(rel: string): string {
  return resolve(FIXTURES, rel);
}

export async function parseFixture(rel: string): Promise<Document> {
  const path = fixture(rel);
  return convert({ path, bytes: readFileSync(path) });
}

export function readExpected(rel: string): ExpectedDoc {
  return JSON.parse(readFileSync(fixture(rel), 'utf8')) as ExpectedDoc;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

interface ExpectedIndicator {
  level1: string | null;
  level2: string | null;
  name: string;
  value: { operator: string | null; number: number | null; unit: string | null; text: string | null; raw?: string | null };
  weight?: number | null;
  term?: string;
}

interface ExpectedForm {
  year?: number | null;
  project: Record<string, Json>;
  funds: Record<string, Json>;
  goals: { project: string | null; annual: string | null };
  indicators: ExpectedIndicator[];
  _accept?: Record<string, Record<string, Json[]>>;
  _acceptHeader?: Record<string, Json[]>;
}

export interface ExpectedDoc {
  title?: string | null;
  forms: ExpectedForm[];
}

const squash = (v: unknown): unknown =>
  typeof v === 'string' ? v.normalize('NFKC').replace(/\s+/g, '') : v;

/**
 * Compare a parsed document with expected data field by field and list every difference:
 * project fields, year, funds, goals (ignoring whitespace), and for each indicator its levels,
 * name, operator, number, unit and text (plus weight and term where the expectation gives them).
 * Alternatives in `_accept` / `_acceptHeader` count as right, as in the scoring tool.
 */
export function differences(doc: Document, expected: ExpectedDoc): string[] {
  const out: string[] = [];
  if (expected.forms.length !== doc.forms.length) {
    out.push(`forms: got ${doc.forms.length}, want ${expected.forms.length}`);
  }
  expected.forms.forEach((ef, k) => {
    const of = doc.forms[k];
    const tag = `form ${k + 1}`;
    if (!of) return;
    const check = (path: string, got: unknown, want: unknown, alts: unknown[] = []): void => {
      const ok = [want, ...alts].some((w) => squash(got) === squash(w));
      if (!ok) out.push(`${tag} ${path}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    const headerAlts = ef._acceptHeader ?? {};
    for (const [key, want] of Object.entries(ef.project)) {
      check(`project.${key}`, (of.project as Record<string, unknown>)[key], want, headerAlts[`project.${key}`]);
    }
    if (ef.year !== undefined) check('year', of.year, ef.year);
    check('funds.sourceUnit', of.funds.sourceUnit, ef.funds.sourceUnit);
    for (const group of ['annual', 'projectTotal'] as const) {
      const want = ef.funds[group] as Record<string, Json>;
      for (const [key, v] of Object.entries(want)) {
        check(`funds.${group}.${key}`, (of.funds[group] as Record<string, unknown>)[key], v);
      }
    }
    check('goals.project', of.goals.project, ef.goals.project);
    check('goals.annual', of.goals.annual, ef.goals.annual);
    if (of.indicators.length !== ef.indicators.length) {
      out.push(`${tag} indicators: got ${of.indicators.length}, want ${ef.indicators.length}`);
    }
    ef.indicators.forEach((ei, j) => {
      const oi = of.indicators[j];
      const itag = `indicator ${j + 1} ${ei.name}`;
      if (!oi) return void out.push(`${tag} ${itag}: missing`);
      const alts = ef._accept?.[String(j)] ?? {};
      check(`${itag} name`, oi.name, ei.name);
      check(`${itag} level1`, oi.level1, ei.level1, alts.level1);
      check(`${itag} level2`, oi.level2, ei.level2, alts.level2);
      for (const f of ['operator', 'number', 'unit', 'text'] as const) {
        check(`${itag} ${f}`, oi.value[f], ei.value[f], alts[f]);
      }
      if (ei.weight !== undefined) check(`${itag} weight`, oi.weight, ei.weight);
      if (ei.term !== undefined) check(`${itag} term`, oi.term, ei.term);
    });
  });
  return out;
}
