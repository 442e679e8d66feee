import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { planParse, UsageError } from './batch/mode.js';
import { convert } from './convert.js';
import { describeError, InputError } from './errors.js';
import { readInput } from './io/read.js';
import { summarize } from './report.js';
import { writeFileAtomic } from './io/atomic.js';
import { type CsvTable, toCsv } from './write/csv.js';
import { toJson } from './write/json.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Exit codes: 0 done (warnings allowed), 1 an input could not be read or parsed, 2 usage. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;

interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface ParseOptions {
  output?: string;
  format?: 'json' | 'csv' | 'ndjson';
  table?: CsvTable;
  quiet?: boolean;
  jobs?: number;
  force?: boolean;
  timeout?: number;
}

/** Per-input limit in a batch: generous, since a long scanned PDF can take minutes. */
const DEFAULT_TIMEOUT_S = 300;

const EXAMPLES = `
Examples:
  $ ptarget parse 2023.pdf -o 2023.json          all forms of a PDF as JSON
  $ ptarget parse 2023.docx -f csv -o 2023.csv   one CSV row per indicator (UTF-8 with BOM)
  $ ptarget parse 2023.pdf -f csv --table forms  one CSV row per form, to stdout
  $ cat export.txt | ptarget parse - > out.json   tab-separated text from stdin

Batch (several inputs, a folder, a glob, a .zip, -o naming a folder or ending in /, or
--format ndjson; a single plain file is converted as above):
  $ ptarget parse archive/ -o out/               one JSON per input + indicators.csv, forms.csv
                                                 and manifest.json; next time, unchanged inputs
                                                 are skipped (--force converts them again)
  $ ptarget parse 'reports/**/*.pdf' 2023.zip -o out/ -j 4
  $ ptarget parse archive/ --format ndjson       one document per line, to stdout
  $ ptarget parse archive/ -f csv > all.csv      every indicator row, one header
Folders are searched recursively for .pdf .docx .html .htm .md .markdown .txt .tsv .csv .xlsx
.xls .et .ods .zip;
zip members are read in memory (names in UTF-8 or GBK). Failed inputs are named in the summary
(and manifest.json), never stop the batch, and make the exit status 1; with ndjson they print
no line on stdout, only their error on stderr.

Inputs: PDF, DOCX, spreadsheets (.xlsx, .xls, WPS .et, .ods: every visible sheet), HTML,
Markdown pipe tables, tab-separated text (.txt/.tsv), CSV (text in UTF-8, UTF-16 with BOM
or GB18030/GBK); the format is detected from the content.
Warnings (values inferred or unreadable) go to stderr and into the output.
Exit status: 0 converted (warnings allowed), 1 an input could not be read, 2 usage error.`;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of seconds (0: no limit)');
  return n;
}

function program(out: Output, done: (code: number) => void): Command {
  const cli = new Command('ptarget')
    .description('Turn Chinese budget performance-target forms (绩效目标表) into clean, typed data.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .exitOverride();

  cli
    .command('parse')
    .description('convert performance-target documents to JSON or CSV')
    .argument('<inputs...>', 'file to read, or - for standard input; or several files, folders, glob patterns, .zip archives')
    .option('-o, --output <path>', 'write here (via a temporary file) instead of standard output; a folder for a batch')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: from the -o extension, else json; ndjson in a batch)').choices([
        'json',
        'csv',
        'ndjson',
      ]),
    )
    .addOption(
      new Option('--table <table>', 'CSV rows: one per indicator (default), or one per form; implies -f csv').choices([
        'indicators',
        'forms',
      ]),
    )
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-j, --jobs <n>', 'batch: inputs converted at once (default: number of cores)', positiveInt)
    .option('--force', 'batch: convert again inputs that manifest.json says are unchanged')
    .option('--timeout <seconds>', `batch: give up on one input after this long (default ${DEFAULT_TIMEOUT_S}; 0: no limit)`, seconds)
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], opts: ParseOptions) => {
      const plan = planParse(inputs, opts);
      if (plan.mode === 'single') return done(await runParse(inputs[0]!, opts, out));
      const tty = Boolean(process.stderr.isTTY);
      done(
        await (await import('./batch/run.js')).runBatch({
          inputs,
          outDir: plan.outDir,
          stream: plan.stream,
          jobs: opts.jobs ?? availableParallelism(),
          force: Boolean(opts.force),
          timeoutMs: (opts.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
          quiet: Boolean(opts.quiet),
          progress: tty && !opts.quiet,
          color: tty && !process.env.NO_COLOR,
          version,
          stdout: process.stdout,
          stderr: process.stderr,
          debug: Boolean(process.env.PTARGET_DEBUG),
        }),
      );
    });

  cli
    .command('schema')
    .description('print the JSON Schema of the JSON output (generated from the zod schemas)')
    .action(async () => {
      const [{ z }, { DocumentSchema }] = await Promise.all([import('zod'), import('./model/document.js')]);
      out.stdout(JSON.stringify(z.toJSONSchema(DocumentSchema), null, 2) + '\n');
    });

  cli.addHelpText('after', EXAMPLES);
  return cli;
}

async function runParse(
  input: string,
  opts: ParseOptions,
  out: Output,
): Promise<number> {
  const byExtension = opts.output && extname(opts.output).toLowerCase() === '.csv' ? 'csv' : null;
  const format = opts.format ?? byExtension ?? (opts.table ? 'csv' : 'json');
  if (opts.table && format !== 'csv') throw new UsageError('--table applies to CSV output only');
  let doc;
  try {
    doc = await convert({ path: input, bytes: await readInput(input) });
  } catch (err) {
    out.stderr(`ptarget: ${describeError(input, err)}\n`);
    if (!(err instanceof InputError) && process.env.PTARGET_DEBUG) out.stderr(`${(err as Error).stack}\n`);
    return EXIT.input;
  }
  const text = format === 'csv' ? toCsv([doc], opts.table ?? 'indicators', { bom: Boolean(opts.output) }) : toJson(doc);
  if (opts.output) await writeFileAtomic(opts.output, text);
  else out.stdout(text);
  if (!opts.quiet) out.stderr(summarize(doc, Boolean(process.stderr.isTTY) && !process.env.NO_COLOR));
  return EXIT.ok;
}

/** Run the CLI; resolves to the exit code. Never throws and never prints a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const out: Output = {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
  };
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok); // reader went away (| head): not our failure
  });
  let code: number = EXIT.ok;
  const cli = program(out, (c) => (code = c));
  try {
    await cli.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      out.stderr(`ptarget: ${err.message}\n`);
      return EXIT.usage;
    }
    out.stderr(`ptarget: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
    if (process.env.PTARGET_DEBUG && err instanceof Error) out.stderr(`${err.stack}\n`);
    return EXIT.input;
  }
}
