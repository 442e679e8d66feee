import { z } from 'zod';
import { WarningSchema } from './warning.js';

/**
 * The one intermediate between extract and parse: a document is a sequence of blocks, each a
 * paragraph (a line of text outside any table: titles, "(2023年度)", "单位：万元") or a table.
 *
 * Tables follow the HTML convention for merged cells: a cell spanning several rows or columns
 * appears once, in the row where it starts, with its `col` (0-based grid column) and spans.
 * Extractors that cannot know the grid (tab-separated text) give each cell its own column and
 * spans of 1. Cell text keeps hard line breaks ("\n") between paragraphs of a cell; soft wraps
 * are already joined by the extractor.
 */
export const CellSchema = z.object({
  text: z.string(),
  col: z.number().int().min(0),
  rowSpan: z.number().int().min(1),
  colSpan: z.number().int().min(1),
  page: z.number().int().nullable().describe('1-based page (PDF), else null'),
  line: z.number().int().nullable().describe('1-based source line (text inputs), else null'),
  bbox: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .nullable()
    .describe('x0, top, x1, bottom in PDF points from the page top-left, where known'),
});
export type Cell = z.infer<typeof CellSchema>;

export const RowSchema = z.object({
  cells: z.array(CellSchema),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
});
export type Row = z.infer<typeof RowSchema>;

export const ParagraphBlockSchema = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
});
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;

export const TableBlockSchema = z.object({
  kind: z.literal('table'),
  rows: z.array(RowSchema),
  page: z.number().int().nullable().describe('page where the table starts'),
});
export type TableBlock = z.infer<typeof TableBlockSchema>;

export const BlockSchema = z.discriminatedUnion('kind', [ParagraphBlockSchema, TableBlockSchema]);
export type Block = z.infer<typeof BlockSchema>;

export const InputFormatSchema = z.enum(['pdf', 'docx', 'html', 'markdown', 'text', 'csv', 'xlsx', 'xls', 'ods']);
export type InputFormat = z.infer<typeof InputFormatSchema>;

export const ExtractedSchema = z.object({
  format: InputFormatSchema,
  pages: z.number().int().nullable().describe('page count for paged inputs (PDF), else null'),
  pagesRead: z.array(z.number().int()).optional().describe('PDF: the pages read for tables, when not all were'),
  encoding: z.string().nullable().describe('text encoding used to decode a text input, else null'),
  blocks: z.array(BlockSchema),
  warnings: z.array(WarningSchema),
});
export type Extracted = z.infer<typeof ExtractedSchema>;
