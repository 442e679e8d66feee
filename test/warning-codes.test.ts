import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WARNING_CODES } from '../src/model/warning-codes.js';
import { WarningSchema } from '../src/model/warning.js';

/** The codes the README lists under "Output" → "Warning: … Codes: …", in order. */
function readmeCodes(): string[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
  const item = /^- \*\*Warning\*\*:[\s\S]*?(?=\n\n|\n- )/m.exec(readme)?.[0];
  if (!item) throw new Error('README has no "- **Warning**:" item');
  const list = item.slice(item.indexOf('Codes:'));
  // backticked kebab-case words; examples of printed labels (`产出指标(50分)`) are not codes
  return [...list.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((w) => /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(w));
}

describe('warning codes', () => {
  it('the README lists exactly the codes of the model', () => {
    expect(readmeCodes()).toEqual([...WARNING_CODES]);
  });

  it('the Warning schema accepts the listed codes and nothing else', () => {
    const w = { message: 'm', form: null, page: null, line: null };
    for (const code of WARNING_CODES) expect(WarningSchema.safeParse({ ...w, code }).success).toBe(true);
    expect(WarningSchema.safeParse({ ...w, code: 'no-such-code' }).success).toBe(false);
  });

  it('the JSON schema (ptarget schema) lists them', () => {
    const schema = z.toJSONSchema(WarningSchema) as unknown as { properties: { code: { enum: string[] } } };
    expect(schema.properties.code.enum).toEqual([...WARNING_CODES]);
  });
});
