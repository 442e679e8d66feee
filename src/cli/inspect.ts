import { describeError, InputError, PageSelectionError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readInput } from '../io/read.js';
import { EXIT, type InspectFlags, type Output } from './options.js';

/** `ptarget inspect FILE`: the HTML report (or the tables as JSON), written whole; resolves to the exit code. */
export async function runInspect(input: string, opts: InspectFlags, out: Output): Promise<number> {
  const json = opts.format === 'json' || (opts.format === undefined && opts.output?.toLowerCase().endsWith('.json'));
  const target = opts.output ?? (input === '-' ? `stdin.inspect.${json ? 'json' : 'html'}` : `${input}.inspect.${json ? 'json' : 'html'}`);
  const started = Date.now();
  const data = await produce(input, opts, out, json ? 'json' : 'html');
  if (typeof data === 'number') return data;
  await writeFileAtomic(target, data);
  if (!opts.quiet) out.stderr(`${target}: ${(Buffer.byteLength(data) / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return EXIT.ok;
}

/** `ptarget tables FILE`: the intermediate tables as JSON, to a file or standard output. */
export async function runTables(input: string, opts: InspectFlags, out: Output): Promise<number> {
  const data = await produce(input, opts, out, 'json');
  if (typeof data === 'number') return data;
  if (opts.output) await writeFileAtomic(opts.output, data);
  else out.stdout(data);
  return EXIT.ok;
}

async function produce(input: string, opts: InspectFlags, out: Output, kind: 'html' | 'json'): Promise<string | number> {
  try {
    const { inspectReport, inspectTables } = await import('../inspect/index.js');
    const file = { path: input, bytes: await readInput(input) };
    const read = { pages: opts.pages, allPages: opts.allPages };
    return kind === 'html' ? await inspectReport(file, read) : JSON.stringify(await inspectTables(file, read), null, 1) + '\n';
  } catch (err) {
    out.stderr(`ptarget: ${describeError(input, err)}\n`);
    if (!(err instanceof InputError) && process.env.PTARGET_DEBUG) out.stderr(`${(err as Error).stack}\n`);
    return err instanceof PageSelectionError ? EXIT.usage : EXIT.input;
  }
}
