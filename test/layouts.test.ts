import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differences, fixture, parseFixture, readExpected } from './helpers/expected.js';

/**
 * Hand-made layout fixtures: every `fixtures/layouts/<name>.expected.json` is the parse a careful
 * reader expects of `fixtures/layouts/<name>.{html,md,txt,tsv}`, written independently of the parser.
 */
const DIR = 'layouts';
const INPUT_EXTENSIONS = ['html', 'md', 'txt', 'tsv'];
const SUFFIX = '.expected.json';

const cases = readdirSync(fixture(DIR))
  .filter((f) => f.endsWith(SUFFIX))
  .sort()
  .map((f) => {
    const name = f.slice(0, -SUFFIX.length);
    const input = INPUT_EXTENSIONS.map((ext) => `${DIR}/${name}.${ext}`).find((rel) => existsSync(fixture(rel)));
    return { name, input, expected: `${DIR}/${f}` };
  });

describe('layout fixtures', () => {
  it('finds the fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(c.name, async () => {
      expect(c.input, `no input file next to ${c.expected}`).toBeDefined();
      const doc = await parseFixture(c.input!);
      expect(differences(doc, readExpected(c.expected))).toEqual([]);
    });
  }
});
