/**
 * `npm run ask -- [--json] [-k N] [--corpus DIR] "question"` — ask the
 * articles from a terminal. The question `-` reads one question per line
 * from standard input and answers each in turn; a line that is a JSON object
 * with a `q` field (the eval sets' lines) is asked as that question.
 */
import { createInterface } from 'node:readline';
import { toJsonAnswer } from '../engine/contract.ts';
import type { Answer, SearchEngine } from '../engine/engine.ts';
import { NOTE_LABELS } from '../engine/passages.ts';
import { cleanUserText, cutAt } from '../engine/text.ts';
import { checkQuestion, openEngine, parseCli, questionOfLine, runCli, UsageError } from './common.ts';

const USAGE = 'npm run ask -- [--json] [-k N] [--corpus DIR] "question"  (question "-" reads questions from standard input, one per line: text, or JSON with a "q" field)';

export function formatAnswer(answer: Answer): string {
  const lines = [`Q: ${answer.question}`, ''];
  for (const c of answer.corrections) lines.push(`(read "${c.from}" as "${c.to}")`);
  if (!answer.answered) {
    lines.push(answer.refusal === 'no-content-words'
      ? 'That question has no words to search for: ask about a person, place, event or claim in the articles.'
      : "The articles don't answer that.");
    if (answer.missingTerms.length) lines.push(`No article mentions: ${answer.missingTerms.join(', ')}.`);
    return lines.join('\n');
  }
  if (answer.missingTerms.length) lines.push(`Note: no article mentions ${answer.missingTerms.join(', ')}.`, '');
  answer.results.forEach((r, i) => {
    // What is known of the source, nothing for what is not (as the Discord cards do).
    const source = [r.publisher, r.published, r.author ? `by ${r.author}` : null, r.kind ? NOTE_LABELS[r.kind] : null].filter(Boolean).join(', ');
    lines.push(`[${i + 1}] ${r.title}${source ? ` (${source})` : ''}`);
    lines.push(`    ${r.passageId}  ${r.kind ? `${NOTE_LABELS[r.kind]}  ` : ''}score ${r.score}${r.url ? `  ${r.url}` : ''}`);
    lines.push(...wrap(r.text, 76).map((l) => `    ${l}`), '');
  });
  return lines.join('\n').trimEnd();
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function answerOne(engine: SearchEngine, question: string, k: number, json: boolean): string {
  const answer = engine.answer(checkQuestion(question), { k });
  return json ? JSON.stringify(toJsonAnswer(answer)) : formatAnswer(answer);
}

async function main(): Promise<void> {
  const { values, positionals } = parseCli(process.argv.slice(2), {
    json: { type: 'boolean' },
    k: { type: 'string', short: 'k' },
    corpus: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) { console.log(`Usage: ${USAGE}`); return; }
  const k = values.k === undefined ? 3 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new UsageError(`-k takes a whole number from 1 to 10, not "${values.k}"`);
  if (positionals.length === 0) throw new UsageError(`no question given. Usage: ${USAGE}`);
  const question = positionals.join(' ');
  if (question !== '-') checkQuestion(question);
  const engine = await openEngine(values.corpus);
  const json = values.json === true;

  if (question !== '-') {
    console.log(answerOne(engine, question, k, json));
    return;
  }
  // Batch mode: blank lines are skipped; a bad line gets its own error and the rest go on.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = false;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const question = questionOfLine(line);
    try {
      console.log(answerOne(engine, question, k, json));
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      failed = true;
      console.log(json
        ? JSON.stringify({ question, answered: false, missingTerms: [], results: [], error: err.message })
        : `Q: ${cutAt(cleanUserText(question), 80)}…\nerror: ${err.message}`);
    }
    if (!json) console.log('');
  }
  if (failed) process.exitCode = 2;
}

runCli(main);
