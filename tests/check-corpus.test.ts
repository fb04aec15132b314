import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BYTES } from '../src/engine/corpus.ts';
import { CORPUS, mdArticle, removeDir, runScript, tempCorpus, type Run } from './helpers.ts';

describe('npm run check-corpus', () => {
  let bad: string;
  let badRun: Run;
  beforeAll(async () => {
    bad = await tempCorpus({
      'a-good.md': mdArticle({ id: 'good' }),
      'b-copy.md': mdArticle({ id: 'copy' }),
      'empty.md': '',
      'broken.md': '---\ntitle: [oops\n---\nbody\n',
      'latin.txt': new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x20]),
      'binary.md': new Uint8Array([0x00, 0x01, 0x02]),
      'untitled.md': '---\npublisher: X\n---\nSome story text without a title field.\n',
      'same-id.md': mdArticle({ id: 'good', title: '"Another"' }, 'A different story about something else entirely.\n'),
      // One byte over the limit, and otherwise a valid article.
      'huge.md': (() => {
        const head = mdArticle({ id: 'huge' }, '');
        return `${head}${'Putin and Kim signed a treaty. '.repeat(Math.ceil(MAX_ARTICLE_BYTES / 31))}`.slice(0, MAX_ARTICLE_BYTES + 1);
      })(),
      // Exactly at the limit is allowed.
      'at-limit.md': (() => {
        const head = mdArticle({ id: 'at-limit' }, '');
        return `${head}${'Kim and Putin met in Pyongyang. '.repeat(Math.ceil(MAX_ARTICLE_BYTES / 32))}`.slice(0, MAX_ARTICLE_BYTES);
      })(),
    });
    await symlink('/etc/hostname', path.join(bad, 'escape.md'));
    badRun = await runScript('src/cli/check-corpus.ts', [bad]);
  });
  afterAll(() => removeDir(bad));

  it('passes the bundled corpus with exit 0 and no problem lines', async () => {
    const run = await runScript('src/cli/check-corpus.ts', [CORPUS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/5 article\(s\) valid, 0 problem\(s\)/);
  });

  it('exits non-zero with one line per problem, naming the file and the reason', () => {
    expect(badRun.code).toBe(1);
    const lines = badRun.stdout.trim().split('\n');
    const expected: Array<[string, RegExp]> = [
      ['b-copy.md', /duplicate article: same text as a-good\.md/],
      ['empty.md', /empty file/],
      ['broken.md', /broken front matter/],
      ['latin.txt', /not UTF-8/],
      ['binary.md', /binary/],
      ['untitled.md', /no title/],
      ['same-id.md', /duplicate id "good" \(also used by a-good\.md\)/],
      ['escape.md', /symbolic link leads outside/],
      ['huge.md', /larger than 2 MiB; split it or trim it/],
    ];
    for (const [file, reason] of expected) {
      const line = lines.find((l) => l.startsWith(path.join(bad, file)));
      expect(line, file).toMatch(reason);
    }
    expect(lines).toHaveLength(expected.length);
    expect(badRun.stderr).toMatch(/2 article\(s\) valid, 9 problem\(s\)/);
    expect(badRun.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('says so when the folder is missing, with exit code 2', async () => {
    const run = await runScript('src/cli/check-corpus.ts', ['/nonexistent/corpus']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^error: corpus folder \/nonexistent\/corpus does not exist/);
  });
});
