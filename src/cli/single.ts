import { convert } from '../convert.js';
import { describeError, InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { readInput } from '../io/read.js';
import { extname } from 'node:path';
import { formatOfFile, OUTPUT_EXTENSIONS, writeDocuments, writerFor } from '../write/index.js';
import { EXIT, type Output, type ParseOptions, stderrColor } from './options.js';
import { UsageError } from './plan.js';
import { summarize } from './report.js';

/** `ptarget parse FILE`: one input, one output (a file written whole, or stdout); resolves to the exit code. */
export async function runSingle(input: string, opts: ParseOptions, out: Output): Promise<number> {
  const implied = opts.output ? formatOfFile(opts.output) : null;
  if (opts.output && !opts.format && !implied && extname(opts.output) !== '') {
    // -o result.tsv would otherwise get JSON under a name that promises something else
    throw new UsageError(
      `-o ${opts.output}: ptarget does not write ${extname(opts.output)} files; ` +
        `name the output ${OUTPUT_EXTENSIONS.join(', ')} (or choose the format with -f)`,
    );
  }
  const format = opts.format ?? implied ?? (opts.table ? 'csv' : 'json');
  if (opts.table && format !== 'csv') throw new UsageError('--table applies to CSV output only');
  let doc;
  try {
    doc = await convert({ path: input, bytes: await readInput(input) });
  } catch (err) {
    out.stderr(`ptarget: ${describeError(input, err)}\n`);
    if (!(err instanceof InputError) && process.env.PTARGET_DEBUG) out.stderr(`${(err as Error).stack}\n`);
    return EXIT.input;
  }
  const writer = writerFor({ format, table: opts.table, csvRaw: opts.csvRaw });
  const data = await writeDocuments(writer, [doc], opts.output ? 'file' : 'stream');
  if (opts.output) await writeFileAtomic(opts.output, data);
  else out.stdout(data);
  if (!opts.quiet) out.stderr(summarize(doc, stderrColor()));
  return EXIT.ok;
}
