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
