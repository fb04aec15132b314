/**
 * One owner per Discord concern, read from the sources themselves: only
 * respond.ts sends messages and sets their flags and allowed mentions, only
 * the router writes the interaction log line, the commands' registry lives in
 * commands/ and nothing in src/bot but the entry point imports it, and no
 * module imports itself back through others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

const botFiles = [...filesUnder('src/bot'), ...filesUnder('commands')];
const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
/** Code without comments, so a comment that names an API is not taken for a call. */
const code = (file: string) => source(file).replace(/\/\*[^]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const holding = (pattern: RegExp) => botFiles.filter((f) => pattern.test(code(f))).sort();

describe('one owner per concern', () => {
  it('only respond.ts sends a message, sets its flags or its allowed mentions', () => {
    expect(holding(/\.(reply|followUp|editReply|deferReply|update|editMessage)\(/)).toEqual(['src/bot/respond.ts']);
    expect(holding(/MessageFlags|\bflags\s*:/)).toEqual(['src/bot/respond.ts']);
    // The client's default (no pings unless a message says otherwise) is a net under respond.ts, not a second owner.
    expect(holding(/allowedMentions|allowed_mentions/)).toEqual(['src/bot/client.ts', 'src/bot/respond.ts']);
  });

  it('only the autocomplete handler answers autocomplete, and only the router writes the interaction line', () => {
    expect(holding(/\.respond\(/)).toEqual(['src/bot/handlers.ts']);
    expect(holding(/event: 'interaction'/)).toEqual(['src/bot/router.ts']);
  });

  it('a cooldown is declared by commands and enforced by the router alone', () => {
    expect(holding(/export const cooldown = 'questions'/)).toEqual(['commands/ask-the-articles.ts', 'commands/ask.ts', 'commands/compare.ts']);
    expect(holding(/\.take\(/)).toEqual(['src/bot/router.ts']);
  });

  it('client and process events have modules of their own', () => {
    expect(holding(/client\.(on|once)\(/)).toEqual(['src/bot/client-events.ts']);
    expect(holding(/process\.on\('(SIGINT|SIGTERM|unhandledRejection|uncaughtException)'/)).toEqual(['src/bot/process-events.ts', 'src/bot/sharded.ts']);
  });
});

describe('imports', () => {
  const all = [...filesUnder('src'), ...filesUnder('commands')];
  /** Relative imports that load a module at run time (`import type` loads nothing). */
  const importsOf = (file: string) => [...code(file).replace(/^(?:import|export) type [^;]*;/gm, '').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)]
    .map((m) => path.normalize(path.join(path.dirname(file), m[1]!)));

  it('the registry is in commands/, and in src/bot only the entry point imports commands/', () => {
    expect(all).toContain(path.normalize('commands/index.ts'));
    const importers = filesUnder('src/bot').filter((f) => importsOf(f).some((i) => i.startsWith('commands')));
    expect(importers).toEqual([path.normalize('src/bot/main.ts')]);
  });

  it('no module loads itself back, directly or through others', () => {
    const graph = new Map(all.map((f) => [path.normalize(f), importsOf(f).filter((i) => i.endsWith('.ts'))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
