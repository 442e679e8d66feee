import { Ajv2020 } from 'ajv/dist/2020.js';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * The fuzz harness: each case runs `ptarget parse` as a child process on one input, as a user
 * would, and the run is judged from the outside — exit status, time, peak memory, what reached
 * the terminal, what was left in the output folder.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/ptarget.js');
const RSS_HOOK = join(import.meta.dirname, 'rss-hook.mjs');

/** A run that uses this much CPU is a hang; over this much memory, a failure (the issue's bounds). */
export const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 30_000);
/**
 * Runs are killed as hung when their CPU time passes HANG_MS; one waiting without working (on a
 * lock, a pipe) is killed after this much wall-clock time, by default four times HANG_MS. On a
 * machine shared with other work, a run can wait for a core far longer than it works.
 */
export interface RunOptions {
  killAfterMs?: number;
}
export const MAX_RSS_MB = 1024;

export interface FuzzCase {
  /** Stable, unique: "html/17", "pdf-bytes/mof-2023.pdf/truncate/3", "crafted/html-spans". */
  id: string;
  /** File name the input is written under (its extension is part of the input). */
  name: string;
  /** The input's bytes, made on demand (crafted inputs can be large). */
  bytes?: () => Uint8Array;
  /** Instead of bytes: prepare the input inside the case folder, returning the argument to pass. */
  prepare?: (dir: string) => Promise<string> | string;
  /** Arguments after the input; default `-o out/out.json`. */
  args?: string[];
  /** A stricter time bound than HANG_MS (crafted cases of the issue: 10 s). */
  limitMs?: number;
  /** What the run must end with (crafted cases), beyond the general checks. */
  expect?: { exit?: number; stderr?: RegExp };
}

export type Problem = 'crash' | 'stack' | 'hang' | 'memory' | 'schema' | 'partial' | 'message' | 'expectation';

export interface RunRecord {
  id: string;
  exit: number | null;
  signal: string | null;
  ms: number;
  /** CPU time of the process (all its threads); null when it did not exit by itself. */
  cpuMs: number | null;
  rssMb: number | null;
  problems: { kind: Problem; detail: string }[];
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const INTERNAL_PATH = /node_modules|file:\/\/|(^|[\s(])\/[^\s]*\/(dist|src)\/|\.[mc]?[jt]s:\d+/;
const INTERNAL_TEXT =
  /Cannot read propert|Maximum call stack|is not a function|is not iterable|Not implemented|\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|ERR_[A-Z_]+/;
// C0 controls other than tab and newline, DEL, and C1 controls (CSI 0x9b among them)
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

let validator: ((doc: unknown) => boolean) & { errors?: unknown } = null as never;

/** The JSON Schema that `ptarget schema` prints, compiled once. */
function validate(doc: unknown): string | null {
  if (!validator) {
    const r = spawnSync(process.execPath, [BIN, 'schema'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ptarget schema failed: ${r.stderr}`);
    validator = new Ajv2020({ allErrors: false, strict: false }).compile(JSON.parse(r.stdout));
  }
  return validator(doc) ? null : JSON.stringify(validator.errors).slice(0, 300);
}

/** Run one case in its own temporary folder (removed afterwards). */
export async function runCase(c: FuzzCase, o: RunOptions = {}): Promise<RunRecord> {
  const dir = await mkdtemp(join(tmpdir(), 'ptarget-fuzz-'));
  try {
    return await runIn(dir, c, o);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runIn(dir: string, c: FuzzCase, o: RunOptions): Promise<RunRecord> {
  await mkdir(join(dir, 'in'));
  await mkdir(join(dir, 'out'));
  let input: string;
  if (c.prepare) input = await c.prepare(dir);
  else {
    input = `in/${c.name}`;
    await writeFile(join(dir, input), c.bytes!());
  }
  const args = c.args ?? ['-o', 'out/out.json'];
  const run = await spawnPtarget(dir, ['parse', input, ...args], Math.max(o.killAfterMs ?? 4 * HANG_MS, c.limitMs ?? 0));
  const problems: RunRecord['problems'] = [];
  const add = (kind: Problem, detail: string): void => void problems.push({ kind, detail });
  const { exit, signal, ms, cpuMs, rssMb, stdout, stderr, killedFor } = run;

  if (killedFor === 'hang') add('hang', `killed after ${Math.round(ms / 1000)} s (${Math.round((cpuMs ?? 0) / 1000)} s of CPU)`);
  else if (killedFor === 'memory') add('memory', `over ${MAX_RSS_MB} MB`);
  else if (signal) add('crash', `killed by ${signal}`);
  else if (exit !== 0 && exit !== 1 && exit !== 2) add('crash', `exit status ${exit}`);
  if (rssMb !== null && rssMb > MAX_RSS_MB && killedFor !== 'memory') add('memory', `${rssMb} MB`);
  // On a busy machine wall time says little: the bound applies to the CPU time the run used.
  const used = cpuMs ?? ms;
  const bound = c.limitMs ?? HANG_MS;
  if (used > bound && !killedFor) add('hang', `${used} ms of CPU, over the ${bound} ms this input is allowed`);

  for (const [stream, text] of [['stderr', stderr], ['stdout', c.args?.includes('-o') === false ? '' : stdout]] as const) {
    if (STACK.test(text)) add('stack', `${stream}: ${firstMatch(text, STACK)}`);
    if (INTERNAL_PATH.test(text)) add('stack', `${stream} shows an internal path: ${firstMatch(text, INTERNAL_PATH)}`);
  }
  const errorLines = failureLines(stderr);
  for (const l of errorLines) if (INTERNAL_TEXT.test(l)) add('stack', `internal error text: ${l.slice(0, 200)}`);
  if (CONTROL.test(stderr)) add('message', `raw control character on stderr: ${JSON.stringify(firstMatch(stderr, /.{0,20}[\x00-\x08\x0b-\x1f\x7f-\x9f].{0,20}/))}`);
  if (exit === 1 && !errorLines.some((l) => l.includes(input))) add('message', `exit 1 without a line naming ${input}: ${stderr.slice(0, 200)}`);

  await checkOutputs(dir, exit, add);
  if (c.expect?.exit !== undefined && exit !== c.expect.exit) add('expectation', `exit ${exit}, expected ${c.expect.exit}: ${stderr.slice(0, 200)}`);
  if (c.expect?.stderr && !c.expect.stderr.test(stderr)) add('expectation', `stderr ${JSON.stringify(stderr.slice(0, 200))} does not match ${c.expect.stderr}`);
  return { id: c.id, exit, signal, ms, cpuMs, rssMb, problems };
}

/**
 * The lines that say what failed: "ptarget: …" lines, and the entries of a batch summary's
 * "N failed:" list (each names its input, as a "ptarget:" line does in single-file mode).
 */
export function failureLines(stderr: string): string[] {
  const out: string[] = [];
  let list = false;
  for (const l of stderr.split('\n')) {
    if (/^\d+ failed:$/.test(l)) list = true;
    else if (list && l.startsWith('  ') && !l.startsWith('  … ')) out.push(l.trim());
    else {
      list = false;
      if (l.startsWith('ptarget:')) out.push(l);
    }
  }
  return out;
}

/** Whole, valid JSON for a success; nothing at all for a failure; never a temporary file left. */
async function checkOutputs(dir: string, exit: number | null, add: (k: Problem, d: string) => void): Promise<void> {
  const files = await listFiles(join(dir, 'out'));
  for (const f of files.filter((f) => f.split('/').some((s) => s.startsWith('.')))) add('partial', `left behind: out/${f}`);
  const docs = files.filter((f) => f.endsWith('.json') && f !== 'manifest.json' && !f.split('/').some((s) => s.startsWith('.')));
  if (exit !== 0 && docs.includes('out.json')) add('partial', 'out/out.json written by a failed run');
  for (const f of docs) {
    const text = await readFile(join(dir, 'out', f), 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      add('partial', `out/${f} is not whole JSON (${text.length} chars)`);
      continue;
    }
    const why = validate(doc);
    if (why) add('schema', `out/${f}: ${why}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

function firstMatch(text: string, re: RegExp): string {
  return (re.exec(text)?.[0] ?? '').trim().slice(0, 200);
}

interface Spawned {
  exit: number | null;
  signal: string | null;
  ms: number;
  cpuMs: number | null;
  rssMb: number | null;
  stdout: string;
  stderr: string;
  killedFor: 'hang' | 'memory' | null;
}

/** Run ptarget, killing it past HANG_MS or MAX_RSS_MB; peak RSS from the exit hook, else from polling /proc. */
function spawnPtarget(cwd: string, args: string[], killAfterMs: number): Promise<Spawned> {
  return new Promise((done) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.PTARGET_DEBUG;
    delete env.FORCE_COLOR;
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', RSS_HOOK, BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let hook = '';
    let polledKb = 0;
    let polledCpuMs = 0;
    let killedFor: Spawned['killedFor'] = null;
    child.stdout!.on('data', (b: Buffer) => out.length < 64 && out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.length < 64 && err.push(b));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (b: Buffer) => (hook += b.toString()));
    const kill = (why: 'hang' | 'memory'): void => {
      killedFor ??= why;
      child.kill('SIGKILL');
    };
    const hangTimer = setTimeout(() => kill('hang'), killAfterMs);
    const poll = setInterval(() => {
      void readFile(`/proc/${child.pid}/status`, 'utf8')
        .then((s) => {
          const kb = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0);
          polledKb = Math.max(polledKb, kb);
          if (kb > MAX_RSS_MB * 1024) kill('memory');
        })
        .catch(() => {});
      // CPU time of all the process's threads (utime + stime, in clock ticks): a run is hung when
      // it has worked longer than the bound, however long it waited for a core
      void readFile(`/proc/${child.pid}/stat`, 'utf8')
        .then((s) => {
          const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
          polledCpuMs = ((Number(f[11]) || 0) + (Number(f[12]) || 0)) * (1000 / CLOCK_TICKS);
          if (polledCpuMs > HANG_MS) kill('hang');
        })
        .catch(() => {});
    }, 100);
    child.on('close', (code, signal) => {
      clearTimeout(hangTimer);
      clearInterval(poll);
      const [rss, cpu] = hook.trim().split(' ').map(Number);
      const kb = Math.max(rss || 0, polledKb);
      done({
        exit: code,
        signal: killedFor ? null : signal,
        ms: Math.round(performance.now() - t0),
        cpuMs: cpu ? Math.round(cpu / 1000) : polledCpuMs ? Math.round(polledCpuMs) : null,
        rssMb: kb ? Math.round(kb / 1024) : null,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        killedFor,
      });
    });
  });
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 a second on every mainstream kernel). */
const CLOCK_TICKS = 100;

/** Run cases `jobs` at a time, in order of id for the report. */
export async function runAll(cases: FuzzCase[], jobs: number, onRecord?: (r: RunRecord) => void, o: RunOptions = {}): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) {
      const r = await runCase(cases[next++]!, o);
      records.push(r);
      onRecord?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, lane));
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The figures the issue asks for, and every problem, one per line. */
export function report(records: RunRecord[]): string {
  const count = (k: Problem): number => records.filter((r) => r.problems.some((p) => p.kind === k)).length;
  const kinds: Problem[] = ['crash', 'stack', 'hang', 'memory', 'schema', 'partial', 'message', 'expectation'];
  const exits = new Map<string, number>();
  for (const r of records) exits.set(String(r.exit ?? r.signal), (exits.get(String(r.exit ?? r.signal)) ?? 0) + 1);
  const slowest = [...records].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const peak = records.reduce((m, r) => Math.max(m, r.rssMb ?? 0), 0);
  const total = records.reduce((s, r) => s + r.ms, 0);
  return [
    `fuzz: ${records.length} inputs, ${kinds.map((k) => `${count(k)} ${k}`).join(', ')}`,
    `exit status: ${[...exits].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}; peak memory ${peak} MB; ` +
      `mean ${Math.round(total / Math.max(1, records.length))} ms per input`,
    'slowest:',
    ...slowest.map((r) => `  ${r.ms} ms (CPU ${r.cpuMs ?? '?'} ms)  ${r.rssMb ?? '?'} MB  exit ${r.exit ?? r.signal}  ${r.id}`),
    ...records.flatMap((r) => r.problems.map((p) => `PROBLEM ${p.kind} ${r.id}: ${p.detail}`)),
  ].join('\n');
}
