import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, deflateRawSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture } from './helpers/expected.js';
import { buildZip } from './helpers/zip-build.js';

/**
 * Careless commands (issue 14): each is refused with a clear one-line message, or does the safe
 * thing. Nothing of the user's is overwritten, and nothing half-written is left behind.
 */

const BIN = resolve(import.meta.dirname, '../bin/ptarget.js');
const SEED = fixture('shared/shanghai-fwzk-2023-summary.txt');
const SEED_TEXT = readFileSync(SEED);

function run(args: string[], opts: { cwd?: string; input?: Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir,
    input: opts.input,
    encoding: 'buffer',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Every file under `root` (relative paths), hidden ones included. */
function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ptarget-careless-'));
});

/** util-linux `script`, to run ptarget with its stdout on a pseudo-terminal. */
const SCRIPT = spawnSync('script', ['--version']).status === 0;

describe('one file', () => {
  it.skipIf(!SCRIPT)('-f xlsx with stdout on a terminal: refused, naming -o; piped, the workbook is written', () => {
    writeFileSync(join(dir, 'a.txt'), SEED_TEXT);
    const cmd = `'${process.execPath}' '${BIN}' parse a.txt -f xlsx -q`;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    expect(tty.status).toBe(2);
    expect(tty.stdout.replace(/\r/g, '')).toBe('ptarget: -f xlsx writes a binary file: name it with -o (e.g. -o out.xlsx) or redirect the output\n');
    const piped = run(['parse', 'a.txt', '-f', 'xlsx', '-q']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.slice(0, 2)).toBe('PK');
  });

  it('parse a.csv -o a.csv: refused, the input untouched', () => {
    writeFileSync(join(dir, 'a.csv'), SEED_TEXT);
    const r = run(['parse', 'a.csv', '-o', 'a.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ptarget: -o a.csv is the input file itself: choose another output file\n');
    expect(readFileSync(join(dir, 'a.csv'))).toEqual(SEED_TEXT);
  });

  it('-o naming the input through another path or a link: refused', () => {
    writeFileSync(join(dir, 'a.txt'), SEED_TEXT);
    symlinkSync('a.txt', join(dir, 'link.json'));
    const r = run(['parse', './a.txt', '-o', 'link.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ptarget: -o link\.json is the input file itself/);
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(SEED_TEXT);
  });

  it('-o onto a symbolic link writes through it: the link stays, its target gets the output', () => {
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real/out.json'), 'old');
    symlinkSync('real/out.json', join(dir, 'out.json'));
    const r = run(['parse', SEED, '-o', 'out.json', '-q']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'out.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'out.json'))).toBe('real/out.json');
    expect(JSON.parse(readFileSync(join(dir, 'real/out.json'), 'utf8')).forms).toHaveLength(6);
    expect(files(dir)).toEqual(['out.json', 'real/out.json']);
  });

  it('-o onto a device or a FIFO: refused, the node left as it is', () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    for (const out of ['/dev/null', 'pipe']) {
      const r = run(['parse', SEED, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^ptarget: -o ${out}: (a device|a FIFO \\(named pipe\\)), not a regular file; leave out -o to write to standard output\\n$`));
    }
    expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('reading a device, a FIFO or an endless stream: refused at once, or cut at --max-size', () => {
    execFileSync('mkfifo', [join(dir, 'in.txt')]);
    expect(run(['parse', '/dev/zero']).stderr).toBe('ptarget: /dev/zero: a device, not a regular file\n');
    expect(run(['parse', 'in.txt']).stderr).toBe('ptarget: in.txt: a FIFO (named pipe), not a regular file\n');
    const big = run(['parse', '-', '--max-size', '1'], { input: Buffer.alloc(1024 * 1024 + 1, 0x41) });
    expect(big.code).toBe(1);
    expect(big.stderr).toBe('ptarget: -: larger than the 1 MB limit (raise it with --max-size)\n');
  });

  it('a time limit in single-file mode as in a batch', () => {
    const r = run(['parse', fixture('shared/mof-2023.pdf'), '--timeout', '0.01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ptarget: .*mof-2023\.pdf: gave up after 0(\.0)? s \(raise the limit with --timeout\)\n$/);
  });
});

describe('batch output folder', () => {
  function inputs(): void {
    mkdirSync(join(dir, 'in'));
    copyFileSync(SEED, join(dir, 'in/a.txt'));
  }

  it.each([
    ['indicators.csv', 'mine'],
    ['manifest.json', '{"mine": true}'],
  ])("-o DIR/ holding the user's own %s: refused, naming the file and --force, the file kept", (name, mine) => {
    inputs();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', name), mine);
    const r = run(['parse', 'in/', '-o', 'out/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `ptarget: out/${name} was not written by ptarget; it would be overwritten: move it, choose another -o folder, or add --force\n`,
    );
    expect(files(join(dir, 'out'))).toEqual([name]);
    expect(readFileSync(join(dir, 'out', name), 'utf8')).toBe(mine);
    expect(run(['parse', 'in/', '-o', 'out/', '--force', '-q']).code).toBe(0);
    expect(readFileSync(join(dir, 'out', name), 'utf8')).not.toBe(mine);
  });

  it('files ptarget wrote itself are overwritten on the next run', () => {
    inputs();
    expect(run(['parse', 'in/', '-o', 'out/', '-q']).code).toBe(0);
    writeFileSync(join(dir, 'in/b.txt'), SEED_TEXT);
    const again = run(['parse', 'in/', '-o', 'out/', '-q']);
    expect(again.code).toBe(0);
    const written = files(join(dir, 'out'));
    expect(written.filter((f) => f.endsWith('.json') && f !== 'manifest.json')).toHaveLength(2);
    expect(written).toEqual(expect.arrayContaining(['forms.csv', 'indicators.csv', 'manifest.json']));
  });

  it('an input among the files the batch would write: refused', () => {
    mkdirSync(join(dir, 'out'));
    copyFileSync(SEED, join(dir, 'out/a.txt'));
    writeFileSync(join(dir, 'out/forms.csv'), '项目名称,x\n');
    const r = run(['parse', 'out/a.txt', 'out/forms.csv', '-o', 'out/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ptarget: out\/forms\.csv is an input; writing the batch into out\/ would overwrite it/);
    expect(readFileSync(join(dir, 'out/forms.csv'), 'utf8')).toBe('项目名称,x\n');
  });

  it('parse in/ -o in/: refused; an output folder inside the inputs is left out of them', () => {
    inputs();
    const same = run(['parse', 'in/', '-o', 'in/']);
    expect(same.code).toBe(2);
    expect(same.stderr).toBe('ptarget: -o in/ is the input folder itself: write the batch elsewhere (e.g. -o in/ptarget-out/)\n');
    expect(files(join(dir, 'in'))).toEqual(['a.txt']);
    const inside = run(['parse', 'in/', '-o', 'in/out/', '-q']);
    expect(inside.code).toBe(0);
    const again = run(['parse', 'in/', '-o', 'in/out/']);
    expect(again.stderr).toContain('1 input');
    expect(files(join(dir, 'in')).filter((f) => !f.startsWith('out/'))).toEqual(['a.txt']);
    expect(files(join(dir, 'in')).filter((f) => f.startsWith('out/'))).toEqual(expect.arrayContaining(['out/forms.csv', 'out/indicators.csv', 'out/manifest.json']));
  });

  it('temporary files of a killed run are swept by the next one; Ctrl-C leaves none', async () => {
    inputs();
    mkdirSync(join(dir, 'out'));
    // a temporary file of a process that no longer exists
    writeFileSync(join(dir, 'out/.a.json.999999999.0badcafe.tmp'), 'half');
    expect(run(['parse', 'in/', '-o', 'out/', '-q']).code).toBe(0);
    expect(files(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // far more work than the run can finish before it is interrupted, on any machine
    for (let i = 0; i < 400; i++) copyFileSync(fixture('shared/mof-2023.pdf'), join(dir, `in/p${i}.pdf`));
    const child = spawn(process.execPath, [BIN, 'parse', 'in/', '-o', 'out2/', '--force'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    // interrupt mid-batch: once the first documents are written
    const written = () => (existsSync(join(dir, 'out2/in')) ? files(join(dir, 'out2/in')).filter((f) => f.endsWith('.json')).length : 0);
    while (written() < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(join(dir, 'out2')) ? files(join(dir, 'out2')).filter((f) => f.endsWith('.tmp')) : []).toEqual([]);
  });

  it('a real full disk (a 96 kB tmpfs, where this user may mount one): the summary still comes, naming what was not written', () => {
    const disk = join(dir, 'disk');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96k', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      return; // not allowed to mount here: nothing to test with
    }
    try {
      inputs();
      for (let i = 0; i < 6; i++) copyFileSync(SEED, join(dir, `in/c${i}.txt`));
      const r = run(['parse', 'in/', '-o', 'disk/out/']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no space left on the device/);
      expect(r.stderr).toMatch(/not written: /);
      expect(r.stderr).toMatch(/converted +7/);
      expect(files(disk).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      execFileSync('umount', [disk]);
    }
  });
});

/**
 * A full disk, made deterministic: PTARGET_TEST_DISK_BYTES=N makes every write past N bytes fail
 * with ENOSPC (after writing what fits), as a full disk does, for any user on any machine.
 */
describe('a full disk', () => {
  const full = (bytes: number) => ({ env: { PTARGET_TEST_DISK_BYTES: String(bytes) } });

  it('one file: one line naming -o and why; the old output kept whole, no temporary file left', () => {
    writeFileSync(join(dir, 'a.txt'), SEED_TEXT);
    writeFileSync(join(dir, 'out.json'), 'old');
    const r = run(['parse', 'a.txt', '-o', 'out.json'], full(100));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('ptarget: out.json: not written: no space left on the device\n');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('old');
    expect(files(dir)).toEqual(['a.txt', 'out.json']);
    // with room, the same command writes the whole document
    expect(run(['parse', 'a.txt', '-o', 'out.json', '-q'], full(10_000_000)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).forms).toHaveLength(6);
  });

  it('a batch: the summary still comes, naming what was not written; what was written is whole', () => {
    mkdirSync(join(dir, 'in'));
    for (const n of ['a', 'b', 'c']) copyFileSync(SEED, join(dir, `in/${n}.txt`));
    expect(run(['parse', 'in/', '-o', 'room/', '-q']).code).toBe(0);
    const first = readFileSync(join(dir, 'room/in/a.txt.json'));
    // room for the first document's JSON, not for the second
    const r = run(['parse', 'in/', '-o', 'out/', '-j', '1'], full(first.length + 100));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^converted +3 +18 /m);
    expect(r.stderr).toMatch(/^out\/: 1 JSON file \(/m);
    expect(r.stderr).toMatch(
      /\nptarget: no space left on the device: not written: out\/in\/b\.txt\.json, out\/in\/c\.txt\.json, out\/indicators\.csv, out\/forms\.csv, out\/warnings\.csv and 2 more\n$/,
    );
    expect(files(join(dir, 'out'))).toEqual(['in/a.txt.json']);
    expect(readFileSync(join(dir, 'out/in/a.txt.json'))).toEqual(first);
  });
});

describe('limits', () => {
  /** A form of 100,000 indicator rows (4.7 MB): far more than 16 MB of heap to convert. */
  const bigForm = (): string =>
    ['项目名称\t测试项目', '一级指标\t二级指标\t三级指标\t指标值', ...Array.from({ length: 100_000 }, (_, i) => `产出指标\t数量指标\t指标${i}\t≥${i}`)].join('\n');

  it('--max-memory: a document that needs more fails with one line saying so; the batch goes on', () => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in/1-big.txt'), bigForm());
    copyFileSync(SEED, join(dir, 'in/2-small.txt'));
    const one = run(['parse', 'in/1-big.txt', '-o', 'big.json', '--max-memory', '16']);
    expect(one.code).toBe(1);
    expect(one.stderr).toBe('ptarget: in/1-big.txt: ran out of memory (limit 16 MB; raise it with --max-memory)\n');
    expect(existsSync(join(dir, 'big.json'))).toBe(false);
    // in a batch, the small input after it is converted by a fresh worker
    const batch = run(['parse', 'in/', '-o', 'out/', '--max-memory', '16', '-j', '1']);
    expect(batch.code).toBe(1);
    expect(batch.stderr).toContain('\n1 failed:\n  in/1-big.txt: ran out of memory (limit 16 MB; raise it with --max-memory)\n');
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as { inputs: { path: string; status: string }[] };
    expect(manifest.inputs.map((e) => [e.path, e.status])).toEqual([['in/1-big.txt', 'failed'], ['in/2-small.txt', 'converted']]);
  });

  it('a zip bomb of many small members: the archive refused in one line naming it and the limit, no member read', () => {
    const spaces = Buffer.alloc(1024 * 1024, 0x20);
    const deflated = { bytes: deflateRawSync(spaces), size: spaces.length, crc: crc32(spaces) };
    writeFileSync(join(dir, 'many.zip'), buildZip(Array.from({ length: 300 }, (_, i) => ({ name: `m${i}.txt`, deflated }))));
    const r = run(['parse', 'many.zip', '-o', 'out/']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n1 failed:\n {2}many\.zip: the archive would inflate \d+ times its size, over the 200:1 limit \(a zip bomb\?\)\n\n/);
    expect(r.stderr).toMatch(/^failed +1$/m);
    expect(files(join(dir, 'out')).filter((f) => f.endsWith('.json') && f !== 'manifest.json')).toEqual([]);
  });

  it('control characters in the names of refused zip members reach the terminal escaped', () => {
    writeFileSync(
      join(dir, 'names.zip'),
      buildZip([
        { name: '../\x1b[2Jevil.txt', data: 'x' },
        { name: 'secret\x1b]0;pwned\x07.txt', data: 'x', flags: 1 },
      ]),
    );
    const r = run(['parse', 'names.zip', '-o', 'out/']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(r.stderr).toContain('names.zip/../\\x1b[2Jevil.txt: refused: the path is absolute or leaves the archive');
    expect(r.stderr).toContain('names.zip/secret\\x1b]0;pwned\\x07.txt: refused: the entry is encrypted');
  });
});

describe('careless commands, more', () => {
  it('-o where a file stands in the way of a folder: one line naming -o and why, not errno text', () => {
    writeFileSync(join(dir, 'a.txt'), SEED_TEXT);
    const under = run(['parse', 'a.txt', '-o', 'a.txt/out.json']);
    expect(under.code).toBe(1);
    expect(under.stderr).toBe('ptarget: a.txt/out.json: not written: a part of the path is a file, not a folder\n');
    const deeper = run(['parse', 'a.txt', '-o', 'a.txt/x/out.json']);
    expect(deeper.stderr).toBe('ptarget: a.txt/x/out.json: not written: a part of the path is a file, not a folder\n');
    expect(readFileSync(join(dir, 'a.txt'))).toEqual(SEED_TEXT);
  });
});

/**
 * The temporary files the atomic writer leaves while it writes: removed on SIGINT and SIGTERM by
 * the process that made them (here a small program using the same module as the CLI, stopped
 * while its temporary file exists), swept by the next run when their process was killed.
 */
describe('temporary files', () => {
  const TEMP = pathToFileURL(resolve(import.meta.dirname, '../dist/io/temp.js')).href;
  const holder = `
    const { cleanUpOnSignals, tempFor } = await import(${JSON.stringify(TEMP)});
    const { writeFileSync } = await import('node:fs');
    cleanUpOnSignals((sig) => process.stderr.write('stopped by ' + sig));
    const tmp = tempFor(process.argv[1]);
    writeFileSync(tmp, 'half');
    process.stdout.write(tmp + '\\n');
    setInterval(() => {}, 1000);`;

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s removes the temporary file being written, exit %i', async (signal, exit) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', holder, join(dir, 'out.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const tmp = await new Promise<string>((done) => child.stdout.once('data', (b: Buffer) => done(b.toString().trim())));
    expect(tmp).toMatch(/\/\.out\.json\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(readFileSync(tmp, 'utf8')).toBe('half');
    child.kill(signal);
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).toBe(exit);
    expect(stderr).toBe(`stopped by ${signal}`);
    expect(files(dir)).toEqual([]);
  });

  it("a stale temporary file is swept; one of a live process, another's output, is left alone", () => {
    writeFileSync(join(dir, 'a.txt'), SEED_TEXT);
    const stale = '.out.json.999999999.0badcafe.tmp';
    const live = `.out.json.${process.pid}.0badcafe.tmp`;
    writeFileSync(join(dir, stale), 'half');
    writeFileSync(join(dir, live), 'being written');
    expect(run(['parse', 'a.txt', '-o', 'out.json', '-q']).code).toBe(0);
    expect(files(dir)).toEqual([live, 'a.txt', 'out.json'].sort());
  });
});
