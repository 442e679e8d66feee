import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { z } from 'zod';
import { convert } from './convert.js';
import { describeError, InputError } from './errors.js';
import { DocumentSchema } from './model/document.js';
import { readInput } from './read.js';
import { summarize } from './report.js';
import { writeFileAtomic } from './write/atomic.js';
import { type CsvTable, toCsv } from './write/csv.js';
import { toJson } from './write/json.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Exit codes: 0 done (warnings allowed), 1 an input could not be read or parsed, 2 usage. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;

/** Options that commander accepts one by one but not together. */
class UsageError extends Error {}

interface Output {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface ParseOptions {
  output?: string;
  format?: 'json' | 'csv';
  table?: CsvTable;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  $ ptarget parse 2023.pdf -o 2023.json          all forms of a PDF as JSON
  $ ptarget parse 2023.docx -f csv -o 2023.csv   one CSV row per indicator (UTF-8 with BOM)
  $ ptarget parse 2023.pdf -f csv --table forms  one CSV row per form, to stdout
  $ cat export.txt | ptarget parse - > out.json   tab-separated text from stdin

Inputs: PDF, DOCX, HTML, Markdown pipe tables, tab-separated text (.txt/.tsv) in
UTF-8, UTF-16 (with BOM) or GB18030/GBK; the format is detected from the content.
Warnings (values inferred or unreadable) go to stderr and into the output.
Exit status: 0 converted (warnings allowed), 1 an input could not be read, 2 usage error.`;

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
    .description('convert a performance-target document to JSON or CSV')
    .argument('<input>', 'file to read, or - for standard input')
    .option('-o, --output <file>', 'write here (via a temporary file) instead of standard output')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: from the -o extension, else json)').choices(['json', 'csv']),
    )
    .addOption(
      new Option('--table <table>', 'CSV rows: one per indicator (default), or one per form; implies -f csv').choices([
        'indicators',
        'forms',
      ]),
    )
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .addHelpText('after', EXAMPLES)
    .action(async (input: string, opts: ParseOptions) => {
      done(await runParse(input, opts, out));
    });

  cli
    .command('schema')
    .description('print the JSON Schema of the JSON output (generated from the zod schemas)')
    .action(() => {
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
