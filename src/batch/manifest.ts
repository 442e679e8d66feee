import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MANIFEST } from './names.js';

/**
 * manifest.json in a batch output folder: one entry per input in input order, with what became
 * of it. It is also what makes re-runs incremental: an input whose path and sha256 match an entry
 * written by the same ptarget version is not converted again.
 */
export const EntrySchema = z.object({
  /** As shown on the command line / in messages; zip members as "archive.zip/member/path". */
  path: z.string(),
  /** The per-input JSON, relative to the output folder; null when the input failed. */
  output: z.string().nullable(),
  /** Of the input's bytes; null when they could not be read. */
  sha256: z.string().nullable(),
  status: z.enum(['converted', 'skipped', 'failed']),
  format: z.string().nullable(),
  pages: z.number().int().nullable(),
  forms: z.number().int().nullable(),
  indicators: z.number().int().nullable(),
  warnings: z.number().int().nullable(),
  /** The one-line error (describeError's form) when the input failed. */
  error: z.string().nullable(),
  /** Conversion time; for a skipped input, that of the run that converted it. */
  milliseconds: z.number().int(),
});
export type Entry = z.infer<typeof EntrySchema>;

export const SettingsSchema = z.object({
  /** Every PDF page read for tables, not only those whose text may hold a form. */
  allPages: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const ManifestSchema = z.object({
  tool: z.literal('ptarget'),
  version: z.string(),
  schemaVersion: z.number().int(),
  totals: z.object({
    inputs: z.number().int(),
    converted: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    forms: z.number().int(),
    indicators: z.number().int(),
    warnings: z.number().int(),
  }),
  inputs: z.array(EntrySchema),
  /** Remarks that are not failures of an input (an empty folder, files of other types left out …). */
  notes: z.array(z.string()),
  /**
   * The settings that change what a conversion gives (`--all-pages`); a run with other settings
   * converts every input again. Absent in manifests written before it was recorded.
   */
  settings: SettingsSchema.optional(),
  /**
   * A `--shard K/N` run only: which slice, how many inputs the whole batch has, and where each entry
   * stands among them (what `ptarget merge` restores the order of a single run from).
   */
  shard: z
    .object({ k: z.number().int(), n: z.number().int(), inputs: z.number().int(), positions: z.array(z.number().int()) })
    .optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The previous run's manifest, or null when there is none or it cannot be used (then everything is converted). */
export async function loadManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Entries of a previous manifest that may stand in for a conversion: same tool version, schema and
 * settings, and the input converted (failures are tried again: the cause may have been a timeout).
 */
export function reusable(prev: Manifest | null, version: string, schemaVersion: number, settings: Settings): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (!prev || prev.version !== version || prev.schemaVersion !== schemaVersion || !sameSettings(prev.settings, settings)) return out;
  for (const e of prev.inputs) if (e.status !== 'failed' && e.sha256 && e.output) out.set(e.path, e);
  return out;
}

export function sameSettings(a: Settings | undefined, b: Settings | undefined): boolean {
  return a?.allPages === b?.allPages;
}

export function buildManifest(version: string, schemaVersion: number, settings: Settings, inputs: Entry[], notes: string[]): Manifest {
  const ok = inputs.filter((e) => e.status !== 'failed');
  const sum = (k: 'forms' | 'indicators' | 'warnings'): number => ok.reduce((n, e) => n + (e[k] ?? 0), 0);
  return {
    tool: 'ptarget',
    version,
    schemaVersion,
    settings,
    totals: {
      inputs: inputs.length,
      converted: inputs.filter((e) => e.status === 'converted').length,
      skipped: inputs.filter((e) => e.status === 'skipped').length,
      failed: inputs.length - ok.length,
      forms: sum('forms'),
      indicators: sum('indicators'),
      warnings: sum('warnings'),
    },
    inputs,
    notes,
  };
}

export function manifestJson(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}
