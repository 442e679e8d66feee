// One whole `ptarget parse` process for scripts/bench.js: runs the CLI as bin/ptarget.js does (its
// bundle, else its modules), then reports on fd 3 what only the process itself knows (peak RSS over
// all its threads, CPU time).
import { writeSync } from 'node:fs';
import { loadBundle } from '../dist/io/bundle.js';

const { main } = loadBundle('cli') ?? (await import('../dist/cli/main.js'));
const code = await main(process.argv);
const u = process.resourceUsage();
writeSync(3, JSON.stringify({ code, maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }) + '\n');
process.exit(code);
