/**
 * The answer pipeline as the benchmark times it: what the bot does for one
 * `/ask` up to the message it sends, plus the CLI's JSON line.
 *
 *   question → engine.answer (with whether "More results" has anything,
 *   and for a refusal the nearest passages) → answerMessage() or
 *   refusalMessage() (src/bot/format.ts: the embeds, buttons and text
 *   Discord receives)
 *   → JSON.stringify(toJsonAnswer()) (the CLI's `--json` line)
 *
 * The bot's answering and formatting are pure functions, so the engine stays
 * Discord-free and the benchmark times them without a Discord connection.
 */
import { answerMessage, REFUSAL_TITLES, refusalMessage, type MessagePayload } from '../src/bot/format.ts';
import { toJsonAnswer } from '../src/engine/contract.ts';
import type { Answer, SearchEngine } from '../src/engine/engine.ts';

export interface PipelineOutput {
  answer: Answer;
  /** The CLI's `--json` line (README "JSON contract"). */
  json: string;
  /** What the bot would send: the answer's message, or the refusal's. */
  reply: MessagePayload;
}

/** A fixed interaction for the buttons' custom ids: their length, not their value, is what costs. */
const BUTTONS = { key: '1250000000000000000', askerId: '1250000000000000001' };

/** One question through the whole pipeline. */
export function runPipeline(engine: SearchEngine, question: string, k = 3): PipelineOutput {
  const answer = engine.answer(question, { k, offset: 0 });
  const nearest = answer.nearest ?? [];
  const reply = !answer.answered
    ? refusalMessage(answer, nearest, nearest.length ? [] : engine.articles().slice(0, REFUSAL_TITLES).map((a) => a.title))
    : answerMessage(
      { answer, offset: 0, articleCount: engine.articles().length },
      { ...BUTTONS, nextOffset: answer.results.length, moreEnabled: answer.hasMore },
    );
  return { answer, json: JSON.stringify(toJsonAnswer(answer)), reply };
}
