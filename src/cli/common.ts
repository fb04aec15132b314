/**
 * What the command-line tools share: argument parsing with one-line errors,
 * corpus loading, and the rule that bad input exits 2 without a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadCommonConfig } from '../config.ts';
import { CorpusError, requireCleanCorpus } from '../engine/corpus.ts';
import type { SearchEngine } from '../engine/engine.ts';
import { loadEngine } from '../engine/snapshot.ts';
import { cleanUserText } from '../engine/text.ts';

/** Bad input from the user: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const MAX_QUESTION_LENGTH = 500;

export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    // node's messages are long and mention "strict": keep the part that names the option.
    const message = String((err as Error).message).split('. ')[0]!.replace(/^Unknown option/, 'unknown option');
    throw new UsageError(`${message}. Usage: ${usage}`);
  }
}

/**
 * Validates one question; returns it cleaned (control and bidi characters
 * out, so nothing typed can drive the terminal the answer is printed to).
 */
export function checkQuestion(question: string): string {
  const trimmed = cleanUserText(question);
  if (!trimmed) throw new UsageError('the question is empty: type a question, e.g. "What did Russia and North Korea agree to?"');
  if (trimmed.length > MAX_QUESTION_LENGTH) {
    throw new UsageError(`the question is ${trimmed.length} characters long; keep it under ${MAX_QUESTION_LENGTH}`);
  }
  return trimmed;
}

/** Loads the corpus named by --corpus, CORPUS_DIR or the bundled one, from its index snapshot when one matches. */
export async function openEngine(corpusFlag: string | undefined): Promise<SearchEngine> {
  const config = loadCommonConfig();
  const dir = corpusFlag ?? config.corpusDir;
  const { engine, corpus } = await loadEngine(dir, { cacheDir: config.indexCacheDir });
  requireCleanCorpus(corpus, dir);
  return engine;
}

/** Runs a CLI main: expected failures print one line and exit 2; anything else exits 1 with its message. */
export function runCli(main: () => Promise<void>): void {
  // A reader that stops early (`npm run sources | head`) is not an error: stop quietly, no stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`error: cannot write the output (${err.code ?? err.message})\n`);
    process.exit(1);
  });
  main().then(
    () => { process.exitCode ??= 0; },
    (err: unknown) => {
      const expected = err instanceof UsageError || err instanceof CorpusError || err instanceof ConfigError;
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = expected ? 2 : 1;
    },
  );
}

/**
 * The question on one line of batch input: the line itself, or its `q` field
 * when it is a JSON object that has one as a string, so that a question set
 * such as ../shared/eval/summit-dev.jsonl can be piped in as it is. Any other
 * line, JSON or not, is asked as written.
 */
export function questionOfLine(line: string): string {
  if (!line.trimStart().startsWith('{')) return line;
  try {
    const parsed: unknown = JSON.parse(line);
    const q = typeof parsed === 'object' && parsed !== null ? (parsed as { q?: unknown }).q : undefined;
    return typeof q === 'string' ? q : line;
  } catch {
    return line;
  }
}
