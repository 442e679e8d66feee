import { z } from 'zod';

/** A doubtful or unreadable thing, reported rather than silently guessed. Codes are stable kebab-case. */
export const WarningSchema = z.object({
  code: z.string().describe('stable kebab-case code, e.g. missing-value, unknown-label, inferred-level1'),
  message: z.string().describe('for people'),
  form: z.number().int().nullable().describe('1-based form index, or null for the whole document'),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
});
export type Warning = z.infer<typeof WarningSchema>;

export function warning(
  code: string,
  message: string,
  where: { form?: number | null; page?: number | null; line?: number | null } = {},
): Warning {
  return { code, message, form: where.form ?? null, page: where.page ?? null, line: where.line ?? null };
}
