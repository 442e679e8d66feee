/**
 * The table finder, independent of any input format: a reader turns each page into glyphs and
 * ruling segments (PageContent), layoutPage finds the page's tables (ruled, then aligned cells, then borderless lines) and
 * paragraphs, and stitchPages joins the pages into one block stream, continuing tables over page
 * breaks. Readers import from here; the modules behind it import each other directly.
 */
export type { Box } from './geometry.js';
export { toLocal, type Dir, type Glyph, type PageContent, type Segment } from './glyph.js';
export { buildLines, glyphText } from './lines.js';
export { layoutPage, type PageItem, type PageLayout } from './page.js';
export { endsInTable, stitchPages } from './stitch.js';
export type { LayoutCell, LayoutTable } from './table.js';
export {
  DEFAULT_LAYOUT_SETTINGS,
  type BorderlessSettings,
  type LayoutSettings,
  type LineSettings,
  type PageSettings,
  type RuledSettings,
  type StitchSettings,
} from './settings.js';
