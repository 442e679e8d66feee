// Preloaded into each fuzzed ptarget process (node --import): on exit, report the process's peak
// resident memory (worker threads included: they share the process) and CPU time on file
// descriptor 3: "maxRSS-kB cpu-microseconds".
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    const u = process.resourceUsage();
    writeSync(3, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
  } catch {
    // fd 3 not open: run outside the fuzz harness
  }
});
