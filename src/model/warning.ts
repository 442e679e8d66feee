import { z } from 'zod';
import { WARNING_CODES } from './warning-codes.js';

/** A doubtful or unreadable thing, reported rather than silently guessed. Codes are stable kebab-case. */
export const WarningSchema = z.object({
  code: z.enum(WARNING_CODES).describe('stable kebab-case code (README "Output" says what each means)'),
  message: z.string().describe('for people'),
  form: z.number().int().nullable().describe('1-based form index, or null for the whole document'),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
});
export type Warning = z.infer<typeof WarningSchema>;
export { WARNING_CODES, type WarningCode } from './warning-codes.js';
