#!/usr/bin/env node
/**
 * `node scripts/run.mjs dist/ENTRY.js [args…]`: what every operator command
 * (`npm run ask`, `npm start`, …) runs. Builds dist/ if a source changed
 * (scripts/build.mjs), then runs the compiled entry point in this same
 * process, as if started as `node dist/ENTRY.js args…`.
 *
 * Why not `npm run build && node …` in package.json: that is a second Node
 * start (about 0.1 s here) and, under npm, a shell that does not pass SIGTERM
 * on to the bot; a `pre` script instead adds npm's banner to standard output,
 * which `npm run ask -- --json -` must keep to JSON lines.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale } from './build.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run.mjs dist/ENTRY.js [args…]\n');
  process.exit(2);
}
if (!buildIfStale()) process.exit(1);
const file = path.resolve(entry);
// Entry points read their arguments, and tell whether they were started directly, from process.argv.
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
