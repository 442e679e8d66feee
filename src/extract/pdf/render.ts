import { documentOptions, loadPdfJs } from './engine.js';

/** A page drawn to an image: its size in points and the compressed picture as a data: URL. */
export interface PageImage {
  page: number;
  width: number;
  height: number;
  src: string;
}

/** Pixels per point: sharp enough to read small CJK print on a screen, small enough for WebP to keep a page near 50 kB. */
const SCALE = 1.5;
const WEBP_QUALITY = 60;

/**
 * Draw the given pages with pdf.js on @napi-rs/canvas (the canvas pdf.js itself uses in Node),
 * with the package's CMaps and standard fonts, so CJK text draws without system fonts. A page
 * that fails to draw is left out: the report still shows what was read from it.
 */
export async function renderPages(bytes: Uint8Array, pages: readonly number[]): Promise<Map<number, PageImage>> {
  const pdfjs = await loadPdfJs();
  const canvas = await import('@napi-rs/canvas');
  // pdf.js was loaded with stand-ins for these (engine.ts, stubCanvas); drawing checks instanceof
  Object.assign(globalThis, { Path2D: canvas.Path2D, ImageData: canvas.ImageData });
  // font faces load for real here (no inert document): drawing needs them
  const doc = await pdfjs.getDocument(documentOptions(pdfjs, bytes)).promise;
  const out = new Map<number, PageImage>();
  try {
    for (const n of pages) {
      if (n < 1 || n > doc.numPages) continue;
      const page = await doc.getPage(n);
      try {
        const unit = page.getViewport({ scale: 1 });
        const view = page.getViewport({ scale: SCALE });
        const surface = canvas.createCanvas(Math.ceil(view.width), Math.ceil(view.height));
        const ctx = surface.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, surface.width, surface.height);
        const params = { canvasContext: ctx, canvas: surface, viewport: view } as unknown as Parameters<typeof page.render>[0];
        await page.render(params).promise;
        const webp = await surface.encode('webp', WEBP_QUALITY);
        out.set(n, { page: n, width: unit.width, height: unit.height, src: `data:image/webp;base64,${webp.toString('base64')}` });
      } catch {
        // drawn without its picture
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
  return out;
}
