/**
 * The CLIs as a user (or another tool) runs them: spawned processes. All runs
 * start together in beforeAll; the tests read their results.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdArticle, removeDir, ROOT, runCommand, runScript, tempCorpus, type Run } from './helpers.ts';

const Q = 'What did Russia and North Korea agree to?';
const OFFTOPIC = 'Who painted the Mona Lisa?';
const NEARTOPIC = "How did India react to Putin's trip?";
/** Every field the README's JSON contract allows a result; author, kind, highlight and alsoIn only when they apply. */
const RESULT_FIELDS = new Set(['passageId', 'articleId', 'title', 'publisher', 'published', 'url', 'author', 'kind', 'text', 'score', 'highlight', 'alsoIn']);

let one: string, empty: string, bad: string;
const runs: Record<string, Run> = {};
const json = (name: string) => JSON.parse(runs[name]!.stdout) as Record<string, unknown>;

beforeAll(async () => {
  [one, empty, bad] = await Promise.all([
    tempCorpus({ 'pact.md': mdArticle({ id: 'pact', title: '"Pact signed"' }, 'Putin and Kim signed a mutual defense treaty in Pyongyang on Wednesday.\n\nThe treaty pledges aid against aggression.\n') }),
    tempCorpus({}),
    tempCorpus({ 'good.md': mdArticle(), 'broken.md': '---\ntitle: Broken\nPutin and Kim met.\n' }),
  ]);
  const ask = (...args: string[]) => runScript('src/cli/ask.ts', args);
  // Each process costs about half a second of CPU: one run per behaviour, batch mode where it can share.
  const jobs: Record<string, Promise<Run>> = {
    readable: ask(Q),
    json: ask('--json', Q),
    batch: runScript('src/cli/ask.ts', ['--json', '-k', '5', '-'], { input: `${Q}\n\n${OFFTOPIC}\r\n${NEARTOPIC}\nWhat did Kim say about the treaty?` }),
    batchBadLine: runScript('src/cli/ask.ts', ['--json', '-'], { input: `${Q}\n${'x'.repeat(501)}\nWhat did Kim say about the treaty?\n` }),
    // Lines of a question set (JSON with a "q" field), piped in as they are; other JSON is asked as written.
    batchJsonLines: runScript('src/cli/ask.ts', ['--json', '-'], {
      input: `${JSON.stringify({ id: 'x1', kind: 'fact', q: Q, gold: ['zzgold'] })}\n{"q": 42}\n{not json\n`,
    }),
    corpusFlag: ask('--json', '--corpus', one, 'What does the treaty pledge?'),
    corpusEnv: runScript('src/cli/ask.ts', ['--json', 'What does the treaty pledge?'], { env: { CORPUS_DIR: one } }),
    sourcesJson: runScript('src/cli/sources.ts', ['--json']),
    sources: runCommand('npm', ['run', '--silent', 'sources']),
    // Bad input.
    emptyQuestion: ask(''),
    blankQuestion: ask('   \t '),
    longQuestion: ask('x'.repeat(501)),
    unknownFlag: ask('--bogus', Q),
    k0: ask('-k', '0', Q),
    k11: ask('-k', '11', Q),
    kAbc: ask('-k', 'abc', Q),
    missingCorpus: ask('--corpus', path.join(empty, 'nope'), Q),
    emptyCorpus: ask('--corpus', empty, Q),
    badCorpus: ask('--corpus', bad, Q),
  };
  const names = Object.keys(jobs);
  const done = await Promise.all(Object.values(jobs));
  names.forEach((name, i) => { runs[name] = done[i]!; });
}, 120_000);

afterAll(() => Promise.all([one, empty, bad].filter(Boolean).map(removeDir)));

describe('ask: batch input of JSON lines', () => {
  it('asks the "q" of a JSON line, and any other line as written', () => {
    const { code, stdout, stderr } = runs.batchJsonLines!;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; answered: boolean });
    expect(answers.map((a) => a.question)).toEqual([Q, '{"q": 42}', '{not json']);
    expect(answers[0]!.answered).toBe(true);
    // The rest of the line (a gold answer, say) is not part of the question.
    expect(stdout).not.toContain('zzgold');
  });
});

describe('ask: readable output', () => {
  it('shows each passage with its title, what is known of its source (nothing for what is not) and passage id', () => {
    const { code, stdout, stderr } = runs.readable!;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith(`Q: ${Q}\n`)).toBe(true);
    const contract = json('json') as { results: Array<{ passageId: string; title: string; publisher: string | null; published: string | null; author?: string }> };
    for (const [i, r] of contract.results.entries()) {
      const source = [r.publisher, r.published, r.author ? `by ${r.author}` : null].filter(Boolean).join(', ');
      expect(stdout).toContain(`[${i + 1}] ${r.title}${source ? ` (${source})` : ''}\n`);
      expect(stdout).toContain(`    ${r.passageId}  score `);
    }
    expect(stdout).not.toMatch(/unknown|not stated/);
  });


});

describe('ask --json: the contract', () => {
  it('prints exactly one JSON object: the question, whether it is answered, the missing words and the results', () => {
    const { code, stdout, stderr } = runs.json!;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(json('json')).toEqual({ question: Q, answered: true, missingTerms: [], results: expect.any(Array) });
  });

  it('gives each result the contract fields, typed, with its article\'s metadata; unknown metadata null; optional fields only where they apply', () => {
    const sources = new Map((JSON.parse(runs.sourcesJson!.stdout) as Array<Record<string, unknown>>).map((s) => [s.id as string, s]));
    // The batch's answers, as well as the single one, so that more articles (with and without an author) come through.
    const results = [json('json'), ...runs.batch!.stdout.trim().split('\n').map((l) => JSON.parse(l))].flatMap((a) => a.results as Array<Record<string, unknown>>);
    expect(json('json').results).toHaveLength(3);
    for (const r of results) {
      for (const k of Object.keys(r)) expect(RESULT_FIELDS, k).toContain(k);
      for (const k of ['passageId', 'articleId', 'title', 'text']) expect(typeof r[k], k).toBe('string');
      expect(typeof r.score).toBe('number');
      expect(r.passageId).toMatch(new RegExp(`^${r.articleId as string}#[1-9]\\d*$`));
      const source = sources.get(r.articleId as string)!;
      // Metadata an article does not state is null, never "" or missing.
      for (const k of ['title', 'publisher', 'published', 'url'] as const) expect(r[k], k).toBe(source[k]);
      if (source.author === null) expect(r).not.toHaveProperty('author');
      else expect(r.author).toBe(source.author);
      if ('kind' in r) expect(r.kind).toMatch(/^[a-z-]+$/);
      if ('highlight' in r) {
        const h = r.highlight as { start: number; end: number };
        expect(h).toEqual({ start: expect.any(Number), end: expect.any(Number) });
        expect(0 <= h.start && h.start < h.end && h.end <= (r.text as string).length).toBe(true);
      }
      if ('alsoIn' in r) {
        const others = r.alsoIn as Array<Record<string, unknown>>;
        expect(others.length).toBeGreaterThan(0);
        for (const other of others) {
          expect(other.articleId).not.toBe(r.articleId);
          expect(other).toEqual({ passageId: expect.stringMatching(new RegExp(`^${other.articleId as string}#\\d+$`)), articleId: other.articleId,
            title: sources.get(other.articleId as string)!.title, publisher: sources.get(other.articleId as string)!.publisher });
        }
      }
    }
    // The cases that make the optional and null fields mean something occur in these answers.
    expect(results.some((r) => r.publisher === null)).toBe(true);
    expect(results.some((r) => 'author' in r) && results.some((r) => !('author' in r))).toBe(true);
    expect(results.some((r) => 'alsoIn' in r)).toBe(true);
  });

  it('metadata from front matter comes through', () => {
    const r = (json('corpusFlag').results as Array<Record<string, unknown>>)[0]!;
    expect(r).toMatchObject({ articleId: 'pact', title: 'Pact signed', publisher: 'Test Press', published: '2024-06-19', url: 'https://example.com/a' });
  });


});

describe('ask - (batch mode)', () => {
  const batch = () => runs.batch!.stdout.trim().split('\n').map((l) => JSON.parse(l) as { question: string; answered: boolean; missingTerms: string[]; results: unknown[] });

  it('answers one question per line, one JSON line each, in order, skipping blank lines', () => {
    const { code, stderr } = runs.batch!;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(batch().map((l) => l.question)).toEqual([Q, OFFTOPIC, NEARTOPIC, 'What did Kim say about the treaty?']);
  });

  it('-k N sets the number of passages; the top ones are those of a single question', () => {
    const [first] = batch();
    expect(first!.results).toHaveLength(5);
    expect(first!.results.slice(0, 3)).toEqual(json('json').results);
  });

  it('refuses an off-topic question: answered false, no results', () => {
    expect(batch()[1]).toMatchObject({ answered: false, results: [] });
  });

  it('names the missing words of a near-topic question', () => {
    expect(batch()[2]!.missingTerms).toContain('india');
  });

  it('a bad line gets its own error object; the rest are answered; exit code 2', () => {
    const { code, stdout } = runs.batchBadLine!;
    expect(code).toBe(2);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ answered: false, results: [], error: expect.stringMatching(/501 characters/) });
    expect(lines[2]!.answered).toBe(true);
  });
});

describe('choosing the corpus', () => {
  it('--corpus DIR answers from that folder', () => {
    expect(runs.corpusFlag!.code).toBe(0);
    const results = json('corpusFlag').results as Array<{ articleId: string; passageId: string }>;
    expect(results.map((r) => r.passageId)).toEqual(['pact#2', 'pact#1']);
  });

  it('CORPUS_DIR does the same', () => {
    expect(runs.corpusEnv!.code).toBe(0);
    expect(json('corpusEnv')).toEqual(json('corpusFlag'));
  });


});

describe('sources', () => {
  it('--json lists the five articles with metadata and passage counts', () => {
    expect(runs.sourcesJson!.code).toBe(0);
    const sources = JSON.parse(runs.sourcesJson!.stdout) as Array<Record<string, unknown>>;
    expect(sources).toHaveLength(5);
    for (const s of sources) {
      expect(s).toEqual({
        id: expect.any(String), title: expect.any(String), file: `${s.id}.md`, passages: expect.any(Number), titleWritten: expect.any(Boolean),
        publisher: s.publisher === null ? null : expect.any(String), published: s.published === null ? null : expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        url: s.url === null ? null : expect.stringMatching(/^https:\/\//), author: s.author === null ? null : expect.any(String),
      });
      expect(s.passages).toBeGreaterThan(0);
    }
    const byId = Object.fromEntries(sources.map((s) => [s.id, s]));
    expect(byId['dw-mutual-defense-agreement']).toMatchObject({ publisher: 'DW News', passages: 12 });
    expect(byId['world-mutual-defense-pact']).toMatchObject({ publisher: 'WORLD', author: 'Lauren Canterberry' });
    expect(byId['putin-kim-comprehensive-partnership']).toMatchObject({ titleWritten: true });
  });

  it('npm run sources prints each article readably', () => {
    expect(runs.sources!.code).toBe(0);
    expect(runs.sources!.stdout).toContain('dw-mutual-defense-agreement  (12 passages)');
    expect(runs.sources!.stdout).toContain('[headline written for the corpus]');
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/ask.ts'), '--json', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(`${Q}\n`.repeat(100));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  const cases: Array<[string, RegExp]> = [
    ['emptyQuestion', /the question is empty/],
    ['blankQuestion', /the question is empty/],
    ['longQuestion', /the question is 501 characters long; keep it under 500/],
    ['unknownFlag', /unknown option '--bogus'/],
    ['k0', /-k takes a whole number from 1 to 10, not "0"/],
    ['k11', /-k takes a whole number from 1 to 10, not "11"/],
    ['kAbc', /-k takes a whole number from 1 to 10, not "abc"/],
    ['missingCorpus', /corpus folder .*nope does not exist/],
    ['emptyCorpus', /has no articles/],
    ['badCorpus', /broken\.md: broken front matter: no closing "---" line/],
  ];
  it.each(cases)('%s', (name, message) => {
    const { code, stdout, stderr } = runs[name]!;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: [^\n]+\n$/);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.(?:ts|js):\d+/);
  });

  it('the bad-file message names the file by its path', () => {
    expect(runs.badCorpus!.stderr).toContain(path.join(bad, 'broken.md'));
  });
});
