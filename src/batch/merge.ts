import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { DocumentSchema } from '../model/document.js';
import { buildManifest, type Entry, loadManifest, type Manifest, sameSettings } from './manifest.js';
import { FolderOutput } from './outputs.js';
import { render } from './render.js';

/**
 * `ptarget merge OUT1/ OUT2/ … -o ALL/`: the output folders of `--shard K/N` runs into the one a
 * single run over all the inputs would have written. Entries go back to the single run's order
 * (each shard's manifest says where its entries stand); per-input JSON files are copied as they
 * are; every table is rendered again from them by the batch's own output (so it holds whatever
 * tables a batch writes, from the writer registry), giving the same bytes as one run.
 */
export async function mergeOutputs(dirs: readonly string[], outDir: string, csvRaw = false): Promise<Manifest> {
  const shards: { dir: string; m: Manifest }[] = [];
  for (const dir of dirs) {
    const m = await loadManifest(dir);
    if (!m) throw new InputError(`${dir}: no readable manifest.json (not a ptarget batch output folder)`);
    if (!m.shard) throw new InputError(`${dir}: not the output of a --shard run`);
    shards.push({ dir, m });
  }
  const first = shards[0]!.m;
  const { n, inputs } = first.shard!;
  for (const { dir, m } of shards) {
    if (m.version !== first.version || m.schemaVersion !== first.schemaVersion) {
      throw new InputError(`${dir}: written by ptarget ${m.version}, the first folder by ${first.version}; convert both with one version`);
    }
    if (!sameSettings(m.settings, first.settings)) throw new InputError(`${dir}: converted with other settings than the first folder (--all-pages in one and not the other)`);
    if (m.shard!.n !== n || m.shard!.inputs !== inputs) throw new InputError(`${dir}: a slice of another batch (shard ${m.shard!.k}/${m.shard!.n} of ${m.shard!.inputs} inputs)`);
  }
  const slices = new Set(shards.map((s) => s.m.shard!.k));
  if (slices.size !== shards.length) throw new InputError('the same shard is given twice');
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !slices.has(k));
  if (missing.length) throw new InputError(`shard ${missing.join(', ')} of ${n} is missing`);

  const placed: ({ dir: string; e: Entry } | undefined)[] = new Array(inputs);
  for (const { dir, m } of shards) m.inputs.forEach((e, i) => (placed[m.shard!.positions[i]!] = { dir, e }));
  if (placed.some((p) => !p)) throw new InputError('the shards do not cover every input of the batch');

  const output = new FolderOutput(outDir, csvRaw);
  await output.start();
  for (const { dir, e } of placed as { dir: string; e: Entry }[]) {
    if (e.status === 'failed' || !e.output) {
      await output.failed(e.output);
      continue;
    }
    const from = join(dir, ...e.output.split('/'));
    const to = join(outDir, ...e.output.split('/'));
    const parsed = DocumentSchema.safeParse(JSON.parse(await readFile(from, 'utf8')));
    if (!parsed.success) throw new InputError(`${from}: not a ptarget document of schema ${first.schemaVersion}`);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    await output.add(render(parsed.data, output.outputs).parts, e.output, false);
  }
  const notes = [...new Set(shards.flatMap((s) => s.m.notes))];
  const manifest = buildManifest(first.version, first.schemaVersion, first.settings ?? { allPages: false }, placed.map((p) => p!.e), notes);
  await output.finish(manifest);
  return manifest;
}
