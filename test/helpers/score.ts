/**
 * The project's field-level score of a parsed document against an expected one, in TypeScript so tests
 * can assert it: the same rules as the shared scoring tool (`tools/score.py`): every expected form counts
 * its header fields (project, year, funds, goals, and kind/stage/evaluation/tasks where the expected file
 * sets them), every expected indicator 7 fields (found, level1, level2, operator, number, unit, text) plus
 * weight/score/term/actual where set; invented indicators cost 7 each; with `_partial` extra forms are free.
 * Forms pair by project name (department for department forms), else by shared pages and indicator names;
 * indicators pair by name in order (difflib's matching blocks).
 */

type Obj = Record<string, unknown>;

export interface Score {
  header: [right: number, total: number];
  indicators: [right: number, total: number];
  /** Fraction of all fields right. */
  score: number;
  misses: string[];
}

const PROJECT = ['name', 'nature', 'category', 'department', 'implementer', 'startDate', 'endDate'];
const ANNUAL = ['total', 'appropriation', 'carryover', 'other'];
const TOTAL = ['total', 'fiscal', 'other'];
const IND = ['level1', 'level2', 'operator', 'number', 'unit', 'text'];

function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = String(v).normalize('NFKC').replace(/\s+/g, '');
  return s === '' ? null : s;
}

function get(o: unknown, path: string): unknown {
  let d = o;
  for (const p of path.split('.')) {
    if (d === null || typeof d !== 'object') return null;
    d = (d as Obj)[p];
  }
  return d ?? null;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof b === 'number') {
    const x = typeof a === 'number' ? a : a === null || a === undefined || a === '' ? NaN : Number(a);
    return Number.isFinite(x) && Math.abs(x - b) < 1e-6 * Math.max(1, Math.abs(b));
  }
  return norm(a) === norm(b);
}

/** Matching blocks of two sequences, as Python's difflib.SequenceMatcher (autojunk off) finds them. */
export function matchingBlocks<T>(a: T[], b: T[]): [number, number, number][] {
  const b2j = new Map<T, number[]>();
  b.forEach((x, j) => b2j.set(x, [...(b2j.get(x) ?? []), j]));
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let best: [number, number, number] = [alo, blo, 0];
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i]!) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > best[2]) best = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    return best;
  };
  const blocks: [number, number, number][] = [];
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    blocks.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

function ratio<T>(a: T[], b: T[]): number {
  const m = matchingBlocks(a, b).reduce((s, [, , n]) => s + n, 0);
  return a.length + b.length === 0 ? 1 : (2 * m) / (a.length + b.length);
}

/** Text compared as score.py's text_close: ≥ 0.97 similar after normalisation. */
function textClose(a: unknown, b: unknown): boolean {
  const x = norm(a);
  const y = norm(b);
  if (x === null || y === null) return x === y;
  return ratio([...String(x)], [...String(y)]) >= 0.97;
}

const names = (f: unknown): unknown[] => ((get(f, 'indicators') as Obj[] | null) ?? []).map((i) => norm(i.name));

export function scoreDocument(out: unknown, expected: unknown): Score {
  const part = { header: [0, 0] as [number, number], indicators: [0, 0] as [number, number] };
  const misses: string[] = [];
  let section: keyof typeof part = 'header';
  const check = (ok: boolean, what: string | null): void => {
    part[section][0] += ok ? 1 : 0;
    part[section][1] += 1;
    if (!ok && what) misses.push(what);
  };
  const outForms = (get(out, 'forms') as Obj[] | null) ?? [];
  const partial = Boolean(get(expected, '_partial'));
  const key = (f: unknown): string =>
    norm(get(f, 'project.name')) !== null ? `n:${norm(get(f, 'project.name'))}` : `d:${norm(get(f, 'project.department'))}`;
  const used = new Set<Obj>();
  ((get(expected, 'forms') as Obj[] | null) ?? []).forEach((ef, k) => {
    let of = outForms.find((f) => !used.has(f) && key(f) === key(ef)) ?? null;
    if (!of) {
      const pages = new Set((ef.pages as number[] | undefined) ?? []);
      let best = 0;
      for (const f of outForms) {
        if (used.has(f) || !((f.pages as number[] | undefined) ?? []).some((p) => pages.has(p))) continue;
        const r = ratio(names(ef), names(f));
        if (r > best) [of, best] = [f, r];
      }
    }
    if (!of && !partial && outForms[k] && !used.has(outForms[k]!)) of = outForms[k]!;
    const tag = `form ${k + 1} ${String(get(ef, 'project.name'))}`;
    const eis = (ef.indicators as Obj[] | undefined) ?? [];
    if (!of) {
      section = 'header';
      for (let n = 0; n < 17; n++) check(false, null);
      section = 'indicators';
      for (let n = 0; n < 7 * eis.length; n++) check(false, null);
      misses.push(`${tag}: form not found`);
      return;
    }
    used.add(of);
    const form = of;
    section = 'header';
    const alts = (ef._acceptHeader as Record<string, unknown[]> | undefined) ?? {};
    const hdr = (path: string, cmp: (a: unknown, b: unknown) => boolean = same): void => {
      const got = get(form, path);
      const want = get(ef, path);
      check(cmp(got, want) || (alts[path] ?? []).some((a) => cmp(got, a)), `${tag}: ${path} = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    PROJECT.forEach((f) => hdr(`project.${f}`));
    hdr('year');
    ANNUAL.forEach((f) => hdr(`funds.annual.${f}`));
    TOTAL.forEach((f) => hdr(`funds.projectTotal.${f}`));
    ['project', 'annual'].forEach((f) => hdr(`goals.${f}`, textClose));
    ['kind', 'stage'].filter((f) => f in ef).forEach((f) => hdr(f));
    for (const [f, v] of Object.entries((ef.evaluation as Obj | null) ?? {})) {
      if (v !== null) hdr(`evaluation.${f}`, f === 'resultText' ? textClose : same);
    }
    const et = (ef.tasks as Obj[] | undefined) ?? [];
    if (et.length) {
      const ot = (form.tasks as Obj[] | undefined) ?? [];
      const tp = new Map<number, number>();
      for (const [a, b, n] of matchingBlocks(et.map((t) => norm(t.name)), ot.map((t) => norm(t.name)))) {
        for (let j = 0; j < n; j++) tp.set(a + j, b + j);
      }
      et.forEach((t, j) => {
        const o = tp.has(j) ? ot[tp.get(j)!]! : null;
        check(o !== null, `${tag}: task ${String(t.name)}: not found`);
        if (o && t.amount !== null && t.amount !== undefined) check(same(o.amount, t.amount), `${tag}: task ${String(t.name)}: amount`);
      });
    }
    section = 'indicators';
    const ois = (form.indicators as Obj[] | undefined) ?? [];
    const pair = new Map<number, number>();
    for (const [a, b, n] of matchingBlocks(names(ef), names(form))) for (let j = 0; j < n; j++) pair.set(a + j, b + j);
    const accept = (ef._accept as Record<string, Record<string, unknown[]>> | undefined) ?? {};
    eis.forEach((e, j) => {
      const o = pair.has(j) ? ois[pair.get(j)!]! : null;
      const itag = `${tag}: indicator ${j + 1} ${String(e.name)}`;
      const later = [...['weight', 'score'].filter((f) => e[f] !== null && e[f] !== undefined), ...('term' in e ? ['term'] : [])];
      const actual = e.actual !== null && e.actual !== undefined;
      if (!o) {
        for (let n = 0; n < 7 + later.length + (actual ? 4 : 0); n++) check(false, null);
        misses.push(`${itag}: not found`);
        return;
      }
      check(true, null);
      const alt = accept[String(j)] ?? {};
      const field = (f: string, got: unknown, want: unknown): void =>
        check(same(got, want) || (alt[f] ?? []).some((a) => same(got, a)), `${itag}: ${f} = ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      for (const f of IND) {
        const path = f === 'level1' || f === 'level2' ? f : `value.${f}`;
        field(f, get(o, path), get(e, path));
      }
      for (const f of later) field(f, o[f], e[f]);
      if (actual) for (const f of ['operator', 'number', 'unit', 'text']) field(`actual.${f}`, get(o, `actual.${f}`), get(e, `actual.${f}`));
    });
    const extra = ois.length - pair.size;
    for (let n = 0; n < Math.max(0, extra) * 7; n++) check(false, null);
    if (extra > 0) misses.push(`${tag}: ${extra} indicator(s) not in the expected form`);
  });
  section = 'header';
  for (const f of outForms) {
    if (used.has(f) || partial) continue;
    misses.push(`extra form ${JSON.stringify(get(f, 'project.name'))}`);
    for (let n = 0; n < 17; n++) check(false, null);
  }
  const right = part.header[0] + part.indicators[0];
  const total = part.header[1] + part.indicators[1];
  return { header: part.header, indicators: part.indicators, score: right / Math.max(total, 1), misses };
}
