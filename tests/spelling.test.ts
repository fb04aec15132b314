/**
 * Misspelt question words read before analysis (spelling.ts), on a small
 * corpus made for it, so that what is corrected and what is left alone is
 * plain to see.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/engine/engine.ts';
import { adjacentTranspositions, correctSpelling, editDistance } from '../src/engine/spelling.ts';
import { article } from './helpers.ts';

let engine: SearchEngine;
const corrected = (q: string) => engine.answer(q).corrections;
beforeAll(() => {
  engine = new SearchEngine({
    aliases: [['Russia', 'the Kremlin', 'Moscow']],
    articles: [
      article('talks', 'The Kremlin said the initiatives would open a bridge over the river. Robert Fécamp welcomed the alliance. Fighters withdrew.'),
      article('harbour', 'Cranes were unloaded at the harbour. Margaret signed the order.'),
    ],
  });
});

describe('correctSpelling', () => {
  it('reads a word one edit from a word of the articles, counted on the words, not the stems', () => {
    // "initiatves" is one letter from "initiatives", three from its stem "initi".
    expect(corrected('What were the initiatves?')).toEqual([{ from: 'initiatves', to: 'initiatives' }]);
    expect(corrected('Where is the brige?')).toEqual([{ from: 'brige', to: 'bridge' }]);
  });

  it('reads two swapped neighbouring letters as one slip', () => {
    expect(corrected('Who welcomed the alilance?')).toEqual([{ from: 'alilance', to: 'alliance' }]);
  });

  it('reads a misspelt alias as the alias, so the question is analysed as if typed right', () => {
    const a = engine.answer('What did the Kremmlin say?');
    expect(a.corrections).toEqual([{ from: 'Kremmlin', to: 'Kremlin' }]);
    expect(a.answered).toBe(true);
    expect(a.results[0]!.passageId).toBe('talks#1');
  });

  it('keeps a possessive and reads accents folded', () => {
    expect(corrected("What did Robbert's speech say?")).toEqual([{ from: "Robbert's", to: "Robert's" }]);
    expect(corrected('Who is Robert Fécimp?')).toEqual([{ from: 'Fécimp', to: 'Fecamp' }]);
  });

  it('reads a name only as a name', () => {
    // "order" is written in lower case: no name, so "Orderr" typed as a name stays what it is.
    expect(corrected('What did Orderr sign?')).toEqual([]);
    expect(corrected('What did Margarret sign?')).toEqual([{ from: 'Margarret', to: 'Margaret' }]);
  });

  it('leaves alone words of everyday English or WordNet, stop words and short words', () => {
    expect(corrected('Is the relevant bridge open?')).toEqual([]);
    expect(corrected('What are the rules of castling?')).toEqual([]);
    expect(corrected('wat is it')).toEqual([]);
  });

  it('reads an everyday English word whose term the articles hold ("fightinng" is "fighting", held as "fight")', () => {
    expect(correctSpelling('Who were the fihgters?', (engine as unknown as { corpus: Parameters<typeof correctSpelling>[1] }).corpus).corrections).toEqual([{ from: 'fihgters', to: 'fighters' }]);
  });
});

describe('edit helpers', () => {
  it('swaps each pair of neighbours once', () => {
    expect(adjacentTranspositions('abca')).toEqual(['baca', 'acba', 'abac']);
    expect(adjacentTranspositions('aab')).toEqual(['aba']);
  });

  it('counts edits, and stops counting past the bound', () => {
    expect(editDistance('brige', 'bridge', 2)).toBe(1);
    expect(editDistance('castling', 'calling', 2)).toBe(2);
    expect(editDistance('abc', 'xyzw', 1)).toBe(2);
  });
});
