import { execFileSync } from 'node:child_process';
import path from 'node:path';

const functionsDir = path.resolve(__dirname, '../..');

/** Module-load time of a file in a fresh Node process: what a cold start pays before the first request. */
function loadOnce(file: string, then = ''): { ms: number; modules: number } {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});${then}
console.log(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,modules:Object.keys(require.cache).length}))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: functionsDir, encoding: 'utf8' })) as {
    ms: number;
    modules: number;
  };
}

function median(file: string, then?: string, runs = 5): { ms: number; modules: number } {
  const all = Array.from({ length: runs }, () => loadOnce(file, then)).sort((a, b) => a.ms - b.ms);
  return all[Math.floor(runs / 2)]!;
}

/**
 * The deployed entry (dist/index.js, as Cloud Functions loads it for any of the four functions) against
 * the same entry with every module the api function loads on its first request (app + adapters), the
 * cost every function paid before the entry imported them lazily.
 */
export function coldStart() {
  const entry = median('./dist/index.js');
  const eager = median(
    './dist/index.js',
    ['./lib/app.js', './lib/wiring.js', './lib/adapters/listFile.js', 'exceljs', 'papaparse']
      .map((m) => `require('${m}');`)
      .join(''),
  );
  return {
    entryMs: Math.round(entry.ms),
    entryModules: entry.modules,
    allEagerMs: Math.round(eager.ms),
    allEagerModules: eager.modules,
  };
}
