/** What the page walk needs to know of a font; pdf.js keeps it in page.commonObjs. */
export interface FontInfo {
  fontMatrix?: ArrayLike<number>;
  vertical?: boolean;
  ascent?: number;
  descent?: number;
}

/** A font's metrics as glyph placement uses them, in ems. */
export interface FontMetrics {
  /** Glyph space to text space (fontMatrix[0]: 0.001 for most fonts, whose glyphs are 1000 units to the em). */
  unitsToEm: number;
  vertical: boolean;
  /** Top and bottom of a glyph's box above and below the baseline (descent is negative). */
  ascent: number;
  descent: number;
}

/** The font's metrics, with typical values where the font gives none or implausible ones. */
export function fontMetrics(font: FontInfo): FontMetrics {
  return {
    unitsToEm: font.fontMatrix && typeof font.fontMatrix[0] === 'number' ? font.fontMatrix[0] : 0.001,
    vertical: !!font.vertical,
    ascent: typeof font.ascent === 'number' && font.ascent > 0.4 && font.ascent < 1.5 ? font.ascent : 0.85,
    descent: typeof font.descent === 'number' && font.descent < 0 && font.descent > -0.6 ? font.descent : -0.15,
  };
}
