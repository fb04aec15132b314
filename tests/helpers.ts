/** Shared by the tests: temp corpus folders and spawning the CLIs as processes. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/engine/corpus.ts';

/** An article made in the test, its paragraphs separated by blank lines, with no metadata. */
export function article(id: string, body: string): Article {
  return { id, title: id, publisher: null, published: null, url: null, author: null, titleWritten: false, file: `${id}.md`,
    blocks: body.split('\n\n').map((text) => ({ kind: 'paragraph' as const, text })), notes: [], dropped: [] };
}

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.join(ROOT, 'corpus');
/**
 * Four short articles written for the tests (tests/fixtures/mini-corpus), for
 * tests whose point is a mechanism, not the bundled articles: editing a
 * bundled article then moves none of their passage numbers.
 */
export const MINI_CORPUS = path.join(ROOT, 'tests', 'fixtures', 'mini-corpus');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'eval', 'summit-dev.jsonl'))
  && existsSync(path.join(SHARED, 'bench', 'squad2-dev5', 'questions.jsonl'));

/**
 * Whether the tests that read ../shared run: always in CI (CI=true), where a
 * missing ../shared is an error, not a reason to skip; elsewhere when it is there.
 */
export const RUN_SHARED = HAS_SHARED || process.env.CI === 'true';

/** Throws, naming what is missing, when ../shared is not there (called first by every test that reads it). */
export function requireShared(): void {
  if (!HAS_SHARED) throw new Error(`CI=true, but ${SHARED} has no eval/summit-dev.jsonl or bench/squad2-dev5: the tests that read the shared question sets cannot run`);
}

/** A fresh folder under the system temp dir, filled with `files` (name → text or bytes). */
export async function tempCorpus(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'summit-bot-test-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

/** A valid Markdown article; `fields` override or (with null) remove front matter lines. */
export function mdArticle(fields: Record<string, string | null> = {}, body = 'Putin and Kim signed a treaty in Pyongyang on Wednesday.\n'): string {
  const all: Record<string, string | null> = {
    id: 'test-article', title: '"A test article"', publisher: 'Test Press', published: '2024-06-19',
    url: 'https://example.com/a', ...fields,
  };
  const lines = Object.entries(all).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx <script> ...args` from the project root (faster than npx/npm). */
export function runScript(script: string, args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Run> {
  return runCommand(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], opts);
}

export function runCommand(cmd: string, args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, CORPUS_DIR: undefined, NO_COLOR: '1', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? null : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(opts.input ?? '');
  });
}
