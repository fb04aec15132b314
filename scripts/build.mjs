#!/usr/bin/env node
/**
 * `npm run build`: compiles src/ and commands/ (and the two bench entry points
 * run as compiled code) to plain JavaScript in dist/
 * (tsconfig.build.json), so the operator commands run with node and no
 * TypeScript loader. Every operator command runs this first (through
 * scripts/run.mjs), so it must be cheap when nothing changed: tsc itself takes about
 * 0.45 s to find that out, this about a tenth of that. It compiles when a
 * file or folder of the inputs (so also an added or removed file) is newer
 * than the last successful build, or when there is none; `--force` always
 * does. tsc type-checks as it compiles, and a type error fails the build.
 *
 * Plain JavaScript, because it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSCONFIG = path.join(ROOT, 'tsconfig.build.json');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** What tsc reads: the sources and both configurations (the build's extends the base). */
const INPUTS = ['src', 'commands', 'bench/cold-start.ts', 'bench/echo-bot.ts', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'].map((p) => path.join(ROOT, p));
/** Written after each successful build, dated when that build started. */
const STAMP = path.join(ROOT, 'dist', '.built');

/** The newest modification time of a file, or of a folder and everything in it. */
function newestChange(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(file)) newest = Math.max(newest, newestChange(path.join(file, entry)));
  }
  return newest;
}

/**
 * Compiles when the build is missing or older than a source (or always, with
 * `force`). Returns false, having said why on stderr, when it cannot build.
 */
export function buildIfStale({ force = false } = {}) {
  const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (!force && built >= Math.max(...INPUTS.map(newestChange))) return true;
  // Dated before tsc reads anything, so a file saved during the build makes the next run build again.
  const started = new Date();
  if (!existsSync(TSC)) {
    process.stderr.write('build: the TypeScript compiler is not installed; run npm install (with the dev dependencies) first\n');
    return false;
  }
  // tsc reports errors on stdout: sent to stderr, so that a command's standard output stays its own.
  const tsc = spawnSync(process.execPath, [TSC, '-p', TSCONFIG], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (tsc.status !== 0) {
    process.stderr.write('build: tsc failed (see above); dist/ is not up to date\n');
    return false;
  }
  closeSync(openSync(STAMP, 'w'));
  utimesSync(STAMP, started, started);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!buildIfStale({ force: process.argv.includes('--force') })) process.exit(1);
}
