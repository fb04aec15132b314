import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether this process runs the TypeScript sources through tsx (the tests,
 * development, the benchmark) rather than the compiled build in dist/ (what
 * `npm start` and the other operator commands run).
 */
export const RUNS_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The project's root folder, wherever the process was started from. This
 * module is src/paths.ts, or dist/src/paths.js in the build, which mirrors
 * the project's layout one folder down.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), RUNS_FROM_SOURCE ? '..' : '../..');

/** The compiled form of one of our source files (`npm run build`), from its path in the project, e.g. `src/bot/main.ts`. */
export function compiledPath(sourcePath: string): string {
  return path.join(PROJECT_ROOT, 'dist', sourcePath.replace(/\.ts$/, '.js'));
}

/** The data tables the engine reads (word counts, synonyms, related words…), made by the scripts in tools/. */
export const DATA_DIR = path.join(PROJECT_ROOT, 'data');

/** The corpus shipped with the bot. */
export const BUNDLED_CORPUS = path.join(PROJECT_ROOT, 'corpus');

/**
 * How to start one of our modules by its path (as a child process), the way
 * this process runs: the .ts source through tsx's loader, or the compiled .js
 * with plain node. `relative` is its path from `fromUrl`, without extension.
 */
export function ownModule(fromUrl: string, relative: string): { file: string; nodeArgs: string[] } {
  const file = fileURLToPath(new URL(`${relative}${RUNS_FROM_SOURCE ? '.ts' : '.js'}`, fromUrl));
  return { file, nodeArgs: RUNS_FROM_SOURCE ? ['--import', 'tsx'] : [] };
}
