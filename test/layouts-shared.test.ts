import { describe, expect, it } from 'vitest';
import { differences, parseFixture, readExpected } from './helpers/expected.js';

// The same six forms rendered in four published layouts, as PDF and as DOCX: end to end, each must
// give the expected parse field by field.
describe.each(['shanghai', 'mof', 'split', 'summary'])('%s layout', (layout) => {
  const expected = readExpected(`shared/${layout}-2023.expected.json`);

  it.each(['pdf', 'docx'])('from %s', async (ext) => {
    const doc = await parseFixture(`shared/${layout}-2023.${ext}`);
    expect(doc.source.format).toBe(ext);
    expect(differences(doc, expected)).toEqual([]);
    expect(doc.title).toBe(expected.title);
  });
});

describe('real department-budget PDFs without forms', () => {
  it.each(['shanghai-putuo-sfj-2026-dept-budget-noforms', 'shanghai-putuo-sww-2025-dept-budget-noforms'])(
    '%s: no forms, a no-forms warning',
    async (name) => {
      const doc = await parseFixture(`shared/${name}.pdf`);
      expect(doc.forms).toEqual([]);
      expect(doc.warnings.map((w) => w.code)).toEqual(['no-forms']);
      expect(doc.source.pages).toBeGreaterThan(20);
    },
  );
});

describe('PDF provenance', () => {
  it('gives each form its pages and each indicator the page its row starts on', async () => {
    const doc = await parseFixture('shared/shanghai-2023.pdf');
    expect(doc.source.pages).toBe(11);
    expect(doc.forms[0]!.pages).toEqual([1]);
    const pages = doc.forms.flatMap((f) => f.pages);
    expect(Math.max(...pages)).toBe(11);
    for (const f of doc.forms) {
      for (const i of f.indicators) expect(f.pages).toContain(i.page);
    }
  });
});
