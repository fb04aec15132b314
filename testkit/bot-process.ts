/**
 * Runs the real bot (the `npm start` entry point, from its TypeScript source
 * unless given a compiled script) or deploy-commands as a child process
 * against a stand-in, with configuration through the
 * environment only. Every DISCORD_* and related variable is set explicitly so
 * a developer's .env cannot leak into a test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type LogLine = Record<string, any>;

export interface ProcessOptions {
  token?: string;
  applicationId?: string;
  apiUrl?: string;
  guildId?: string;
  corpusDir?: string;
  buttonTtlSeconds?: number;
  /** Extra or overriding variables (undefined removes one). */
  env?: Record<string, string | undefined>;
  /**
   * Node flags before the script, after tsx is registered (so `--import` may
   * name a .ts module): e.g. `--cpu-prof`, which NODE_OPTIONS does not accept.
   */
  nodeArgs?: string[];
}

function childEnv(opts: ProcessOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // JSON logs (no pino-pretty) so the tests can read them.
    CI: '1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DISCORD_TOKEN: opts.token ?? '',
    DISCORD_APP_ID: opts.applicationId ?? '',
    DISCORD_API_URL: opts.apiUrl ?? '',
    DISCORD_GUILD_ID: opts.guildId ?? '',
    CORPUS_DIR: opts.corpusDir ?? '',
    // Hermetic runs: no index snapshots written into the project's .cache.
    INDEX_CACHE_DIR: 'off',
    BUTTON_TTL_SECONDS: opts.buttonTtlSeconds === undefined ? '' : String(opts.buttonTtlSeconds),
    // Tests ask many questions as one user; the rate-limit test turns it back on.
    ASK_RATE_LIMIT: 'off',
    SHARD_COUNT: '',
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export class BotProcess {
  readonly logs: LogLine[] = [];
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private listeners = new Set<() => void>();

  constructor(script: string, opts: ProcessOptions) {
    // The sources through tsx; a compiled script (dist/) with plain node, as the operator commands run it.
    const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
    this.child = spawn(process.execPath, [...loader, ...(opts.nodeArgs ?? []), script], { cwd: ROOT, env: childEnv(opts), stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line));
        } catch {
          // not a log line (deploy-commands prints plain text)
        }
      }
      for (const l of this.listeners) l();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        for (const l of this.listeners) l();
        resolve({ code, signal });
      };
      // 'close' comes once stdout and stderr are read to the end; 'exit' can come before the last line
      // is read. Bounded after 'exit', because a shard process the bot forked can hold the pipes open.
      this.child.once('close', settle);
      this.child.once('exit', (code, signal) => setTimeout(() => settle(code, signal), 2000).unref());
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first log line matching `predicate` (already seen or future). */
  waitForLog(predicate: (l: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logs.find(predicate);
        if (found) {
          cleanup();
          resolve(found);
        } else if (!this.running) {
          cleanup();
          reject(new Error(`bot exited before the expected log line\nstderr: ${this.stderr}\nstdout: ${this.stdout.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for a log line\nstderr: ${this.stderr}\nstdout: ${this.stdout.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends `signal` and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.running) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

export function startBot(opts: ProcessOptions): BotProcess {
  return new BotProcess('src/bot/main.ts', opts);
}

/** Runs deploy-commands to completion. */
export async function deployCommands(opts: ProcessOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = new BotProcess('src/deploy-commands.ts', opts);
  const { code } = await p.exited;
  return { code, stdout: p.stdout, stderr: p.stderr };
}
