/**
 * The answer pipeline as the benchmark times it: question → engine.answer()
 * (analysis, search, re-rank, refusal) → the CLI's JSON contract → the
 * Discord reply, once the bot has a reply formatter.
 */
import { toJsonAnswer } from '../engine/contract.ts';
import type { Answer, SearchEngine } from '../engine/engine.ts';

/**
 * DISCORD REPLY FORMATTER HOOK. When the bot's reply formatter exists
 * (src/bot/…), set this to it, e.g. `(answer) => formatReply(answer)`, so the
 * benchmark's pipeline latency includes building the Discord message.
 * While it is null, the pipeline ends with the CLI JSON.
 */
export const formatDiscordReply: ((answer: Answer) => unknown) | null = null;

export interface PipelineOutput {
  answer: Answer;
  /** The CLI's `--json` line (README "JSON contract"). */
  json: string;
  /** The Discord reply, when a formatter is hooked in. */
  reply: unknown;
}

/** One question through the whole pipeline. */
export function runPipeline(engine: SearchEngine, question: string, k = 3): PipelineOutput {
  const answer = engine.answer(question, { k });
  const json = JSON.stringify(toJsonAnswer(answer));
  const reply = formatDiscordReply === null ? undefined : formatDiscordReply(answer);
  return { answer, json, reply };
}
