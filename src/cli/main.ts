import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { OUTPUT_FORMATS } from '../write/formats.js';
import { TABLE_NAMES } from '../write/tables.js';
import { EXAMPLES } from './help.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, EXIT, type InspectFlags, type Output, type ParseOptions } from './options.js';
import { DEFAULT_MAX_MB } from '../io/read.js';
import { DEFAULT_MAX_PAGES } from '../extract/index.js';
import { pageSelection } from './pages.js';
import { planParse, UsageError } from './plan.js';
import { cleanUpOnSignals } from '../io/temp.js';
import { parseShard, type Shard } from '../batch/shard.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

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

function megabytes(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of megabytes');
  return n;
}

function shard(v: string): Shard {
  const s = parseShard(v);
  if (!s) throw new InvalidArgumentError('expected K/N: slice K (1 to N) of the inputs split N ways');
  return s;
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
    .description('convert performance-target documents to JSON, CSV or an Excel workbook')
    .argument('<inputs...>', 'file to read, or - for standard input; or several files, folders, glob patterns, .zip archives')
    .option('-o, --output <path>', 'write here (via a temporary file) instead of standard output; a folder for a batch')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: from the -o extension, else json; ndjson in a batch)').choices(
        OUTPUT_FORMATS,
      ),
    )
    .addOption(
      new Option('--table <table>', 'CSV rows: one per indicator (default), per form or per warning; implies -f csv').choices(
        TABLE_NAMES,
      ),
    )
    .option('--csv-raw', "CSV: keep cells starting with = + - @ as printed (default: a leading ' so spreadsheets show text, not a formula)")
    .option('--pages <list>', 'PDF: read only these pages (3-5,9)', pageSelection)
    .option('--provenance', 'give each indicator and form the bbox [x0, top, x1, bottom] (PDF points) of the cells it was read from')
    .option('--all-pages', 'PDF: read every page for tables, not only the pages whose text may hold a form')
    .option('--max-pages <n>', `PDF: refuse documents of more pages than this (default ${DEFAULT_MAX_PAGES})`, positiveInt)
    .option('--shard <K/N>', 'batch: convert only slice K of N of the inputs (split by path hash); join the folders with merge', shard)
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('-j, --jobs <n>', 'batch: inputs converted at once (default: number of cores)', positiveInt)
    .option('--force', 'batch: convert again inputs that manifest.json says are unchanged')
    .option('--timeout <seconds>', `give up on one input after this long (default ${DEFAULT_TIMEOUT_S}; 0: no limit)`, seconds)
    .option('--max-size <MB>', `refuse inputs larger than this (default ${DEFAULT_MAX_MB})`, megabytes)
    .option('--max-memory <MB>', `memory for converting one input (default ${DEFAULT_MAX_MEMORY_MB})`, megabytes)
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], opts: ParseOptions) => {
      const plan = planParse(inputs, opts);
      if (plan.mode === 'batch' && (opts.pages || opts.provenance)) throw new UsageError('--pages and --provenance apply to a single input');
      if (opts.shard && !(plan.mode === 'batch' && plan.outDir)) throw new UsageError('--shard needs a batch written to a folder (-o DIR/)');
      // each command's modules load when it runs: start-up is most of the time of a small file
      if (plan.mode === 'single') done(await (await import('./single.js')).runSingle(inputs[0]!, opts, out));
      else done(await (await import('./batch.js')).runBatchCommand(inputs, plan, opts, version));
    });

  cli
    .command('inspect')
    .description('write a self-contained HTML report of what was read: each page, its tables, the role of every cell, the parsed forms')
    .argument('<input>', 'file to read, or - for standard input')
    .option('-o, --output <path>', 'write here (default: <input>.inspect.html, or .json with --format json)')
    .option('--pages <list>', 'PDF: read and draw only these pages (3-5,9)', pageSelection)
    .option('--all-pages', 'PDF: read every page for tables, not only the pages whose text may hold a form')
    .addOption(new Option('--format <format>', 'html report, or json: the intermediate tables (as `ptarget tables`)').choices(['html', 'json']))
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .action(async (input: string, opts: InspectFlags) => done(await (await import('./inspect.js')).runInspect(input, opts, out)));

  cli
    .command('tables')
    .description('print the intermediate tables as JSON: every cell with its text, spans, page, box and the role the parser gave it')
    .argument('<input>', 'file to read, or - for standard input')
    .option('-o, --output <path>', 'write here instead of standard output')
    .option('--pages <list>', 'PDF: read only these pages (3-5,9)', pageSelection)
    .option('--all-pages', 'PDF: read every page for tables, not only the pages whose text may hold a form')
    .action(async (input: string, opts: InspectFlags) => done(await (await import('./inspect.js')).runTables(input, opts, out)));

  cli
    .command('merge')
    .description('join the output folders of --shard runs into the folder one run over all inputs would write')
    .argument('<folders...>', 'the output folders of every shard')
    .requiredOption('-o, --output <folder>', 'the merged output folder')
    .option('--csv-raw', 'as given to the shards\' parse')
    .action(async (folders: string[], opts: { output: string; csvRaw?: boolean }) => {
      const { mergeOutputs } = await import('../batch/merge.js');
      const m = await mergeOutputs(folders, opts.output, Boolean(opts.csvRaw));
      out.stderr(`ptarget: merged ${folders.length} folders: ${m.totals.inputs} inputs, ${m.totals.forms} forms, ${m.totals.failed} failed\n`);
      done(EXIT.ok);
    });

  cli
    .command('schema')
    .description('print the JSON Schema of the JSON output (generated from the zod schemas)')
    .action(async () => {
      const { schema } = await import('../schema.js');
      out.stdout(JSON.stringify(schema(), null, 2) + '\n');
    });

  cli.addHelpText('after', EXAMPLES);
  return cli;
}

/** Run the CLI; resolves to the exit code. Never throws and never prints a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const out: Output = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
  };
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok); // reader went away (| head): not our failure
  });
  cleanUpOnSignals(); // from the start: an interrupted run leaves no temporary file
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
