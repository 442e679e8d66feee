import { normalizeText } from './normalize.js';

/** A printed date → ISO yyyy-mm-dd, or null when it is not a full date. */
export function parseDate(cell: string | null | undefined): string | null {
  if (!cell) return null;
  const s = normalizeText(cell).replace(/\s+/g, '');
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The budget year printed as "(2023年度)", "2023年度" or "2023年" in a heading. */
export function yearOf(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年度?/.exec(normalizeText(text));
  return m ? Number(m[1]) : null;
}

/** "2023-01-01至2023-12-31", "2023年1月1日—2023年12月31日" → both ISO dates, or null. */
export function parseDateRange(cell: string): [string, string] | null {
  const s = normalizeText(cell).replace(/\s+/g, '');
  const parts = s.split(/至|到|~|～|—|–|－|(?<=日)-|(?<=\d{1,2})-(?=\d{4})/);
  if (parts.length !== 2) return null;
  const [from, to] = parts.map((p) => parseDate(p));
  return from && to ? [from, to] : null;
}
