/**
 * A stand-in for Discord's REST API and gateway on 127.0.0.1, good enough for
 * a real discord.js Client: GET /gateway/bot, HELLO / IDENTIFY / READY /
 * GUILD_CREATE / heartbeats / RESUME, command registration, interaction
 * dispatch, and capture of interaction callbacks and webhook edits/follow-ups.
 *
 * It enforces what matters to a bot author the way Discord does: the
 * 3-second window to acknowledge, one acknowledgement per interaction,
 * message/embed/autocomplete limits (400 Invalid Form Body), bot auth, and the
 * 15-minute interaction token.
 *
 * Sharding as Discord does it: GET /gateway/bot recommends `shards`, IDENTIFY
 * must name a shard of at least that many (4010/4011 otherwise), each guild
 * belongs to shard (guild_id >> 22) % count, and a guild's events, its
 * interactions included, go only to the connection of its shard.
 *
 * Built to be reused by benchmarks and fault-injection tests: `onRequest`
 * hooks can answer any REST call (429, 5xx, delays), `onGatewayPayload` sees
 * what the bot sends, and sessions can be dropped, told to reconnect (op 7)
 * or invalidated (op 9). It only ever listens on loopback.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { autocompleteProblems, commandProblems, invalidFormBody, messageProblems, type Problem } from './limits.ts';

type Json = Record<string, any>;

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: '0';
  avatar: null;
  bot?: boolean;
}

export interface FakeDiscordOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  channelId?: string;
  botUserId?: string;
  /** Time to acknowledge an interaction (Discord: 3 s). */
  responseWindowMs?: number;
  /** Lifetime of an interaction token for edits and follow-ups (Discord: 15 min). */
  tokenLifetimeMs?: number;
  heartbeatIntervalMs?: number;
  /** How long `dispatch` waits for the acknowledgement before failing the test. */
  dispatchTimeoutMs?: number;
  /** Shards Discord recommends and requires (GET /gateway/bot `shards`; IDENTIFY with fewer is refused). Default 1. */
  shards?: number;
}

/** A REST request as the stand-in saw it. */
export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: any;
  at: number;
}

/** What a hook may answer instead of the stand-in (or `{ delayMs }` alone to delay it). */
export interface FaultResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export type RestHook = (req: RestRequest) => FaultResponse | undefined | Promise<FaultResponse | undefined>;

/** One attempt to acknowledge an interaction (POST /interactions/:id/:token/callback). */
export interface Callback {
  type: number;
  data: any;
  status: number;
  error: any;
  query: string;
  /** Milliseconds from INTERACTION_CREATE being sent to this callback arriving. */
  latencyMs: number;
}

export interface WebhookCall {
  method: string;
  path: string;
  body: any;
  status: number;
  error: any;
  at: number;
}

export interface StoredMessage extends Json {
  id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  /** Who Discord would actually notify for this message, after allowed_mentions. */
  pinged: { users: string[]; roles: string[]; everyone: boolean };
  /** The allowed_mentions the bot sent with the message's latest version. */
  allowedMentions: Json | undefined;
}

/** Everything that happened to one dispatched interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  payload: Json;
  dispatchedAt: number;
  callbacks: Callback[];
  webhooks: WebhookCall[];
  /** The message created by the acknowledgement (type 4/5), if any. */
  original: StoredMessage | null;
  /** Resolves with the first acknowledgement attempt, whatever its status. */
  acknowledged: Promise<Callback>;
  /** The shard whose gateway connection the interaction was dispatched on. */
  shard: number;
}

interface Session {
  ws: WebSocket;
  id: string;
  seq: number;
  identified: boolean;
  identify: Json | null;
  /** [shard id, shard count] from IDENTIFY (kept across RESUME). */
  shard: [number, number];
}

interface Guild {
  id: string;
  channelId: string;
  name: string;
}

const EPOCH = 1420070400000n;
let increment = 0n;
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(at) - EPOCH) << 22n | (1n << 17n) | increment).toString();
}

/** The shard a guild belongs to when the bot runs `count` shards (Discord's rule). */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A fresh guild id that belongs to `shard` of `count`. */
export function guildIdOnShard(shard: number, count: number): string {
  const since = Date.now() - Number(EPOCH);
  // The latest millisecond up to now whose number is `shard` modulo `count`: the id's timestamp is what >> 22 keeps.
  return snowflake(Number(EPOCH) + since - ((((since - shard) % count) + count) % count));
}

export function makeUser(username: string, id = snowflake()): FakeUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null };
}

const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

class HttpError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`HTTP ${status}`);
  }
}
const discordError = (status: number, code: number, message: string) => new HttpError(status, { message, code });

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly bot: FakeUser;
  readonly owner = makeUser('owner');
  responseWindowMs: number;
  tokenLifetimeMs: number;
  heartbeatIntervalMs: number;
  dispatchTimeoutMs: number;
  /** Shards the bot must run (GET /gateway/bot recommends it; IDENTIFY with fewer gets 4011). */
  shardCount: number;
  /** Answer heartbeats; set false to simulate a zombie connection. */
  ackHeartbeats = true;

  /** Registered commands: global, and per guild. */
  readonly commands = { global: [] as Json[], guilds: new Map<string, Json[]>() };
  readonly requests: RestRequest[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly messages = new Map<string, StoredMessage>();
  readonly sessions = new Set<Session>();
  /** The guilds the bot is in, by id; the first is `guildId`. */
  readonly guilds = new Map<string, Guild>();
  /** Every gateway payload the bot sent, in order. */
  readonly received: Json[] = [];

  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;
  private readonly restHooks = new Set<RestHook>();
  private readonly byToken = new Map<string, InteractionRecord>();
  private readonly ackResolvers = new Map<string, (c: Callback) => void>();
  /** The shard of every session ever identified, so a RESUME (which does not name it) gets it back. */
  private readonly shardOfSession = new Map<string, [number, number]>();

  constructor(opts: FakeDiscordOptions) {
    super();
    this.token = opts.token;
    this.applicationId = opts.applicationId;
    this.guildId = opts.guildId ?? snowflake();
    this.channelId = opts.channelId ?? snowflake();
    this.bot = { ...makeUser('summit-bot', opts.botUserId ?? opts.applicationId), bot: true };
    this.responseWindowMs = opts.responseWindowMs ?? 3000;
    this.tokenLifetimeMs = opts.tokenLifetimeMs ?? 15 * 60_000;
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 41_250;
    this.dispatchTimeoutMs = opts.dispatchTimeoutMs ?? 5000;
    this.shardCount = opts.shards ?? 1;
    this.guilds.set(this.guildId, { id: this.guildId, channelId: this.channelId, name: 'Stand-in Server' });
  }

  /**
   * Adds a guild the bot is in (with one text channel); if its shard is
   * connected, the bot learns of it at once through GUILD_CREATE.
   */
  addGuild(id: string = snowflake(), name = `Stand-in Server ${this.guilds.size + 1}`): string {
    this.guilds.set(id, { id, channelId: snowflake(), name });
    for (const s of this.sessions) {
      if (s.identified && shardOfGuild(id, s.shard[1]) === s.shard[0]) this.sendDispatch('GUILD_CREATE', this.guildPayload(id), s);
    }
    return id;
  }

  /** Identified sessions by shard id. */
  connectedShards(): number[] {
    return [...this.sessions].filter((s) => s.identified).map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  // -------------------------------------------------------------------------
  // Lifecycle

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handleHttp(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/gateway' });
    this.wss.on('connection', (ws, req) => this.handleGateway(ws, req));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      // Loopback only, random port: nothing here is reachable from outside the machine.
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sessions) s.ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    this.server = null;
    this.wss = null;
  }

  /** The REST base to give the bot as DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Resolves once a session has identified and received READY and GUILD_CREATE. */
  waitForReady(timeoutMs = 20_000): Promise<Session> {
    const ready = [...this.sessions].find((s) => s.identified);
    if (ready) return Promise.resolve(ready);
    return this.waitFor<Session>('ready', timeoutMs, 'the bot to connect to the gateway');
  }

  /** Resolves once every shard of `count` has an identified session. */
  async waitForShards(count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const all = () => new Set(this.connectedShards()).size >= count;
    while (!all()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} shards (connected: ${this.connectedShards().join(', ') || 'none'})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Resolves with the next registration (PUT of commands). */
  waitForRegistration(timeoutMs = 20_000): Promise<{ scope: string; commands: Json[] }> {
    return this.waitFor('registered', timeoutMs, 'commands to be registered');
  }

  private waitFor<T>(event: string, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, onEvent);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const onEvent = (value: T) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.once(event, onEvent);
    });
  }

  // -------------------------------------------------------------------------
  // Hooks for fault injection

  /** Runs `hook` on every REST request; an answer it returns replaces the stand-in's. Returns an unsubscribe. */
  onRequest(hook: RestHook): () => void {
    this.restHooks.add(hook);
    return () => this.restHooks.delete(hook);
  }

  /** Sends a raw gateway payload to every session (or one). */
  sendGateway(payload: Json, session?: Session): void {
    for (const s of session ? [session] : this.sessions) s.ws.send(JSON.stringify(payload));
  }

  /** Sends a dispatch (op 0) with the session's next sequence number. */
  sendDispatch(t: string, d: unknown, session?: Session): void {
    for (const s of session ? [session] : this.sessions) {
      if (!s.identified) continue;
      s.ws.send(JSON.stringify({ op: 0, t, s: ++s.seq, d }));
    }
  }

  /** Op 7: tell the bot to reconnect and resume. */
  requestReconnect(): void {
    this.sendGateway({ op: 7, d: null });
  }

  /** Op 9: invalidate the session (resumable or not). */
  invalidateSession(resumable = false): void {
    this.sendGateway({ op: 9, d: resumable });
  }

  /** Drops every gateway connection with `code` (1006-like abrupt drop when code is omitted). */
  dropGateway(code?: number): void {
    for (const s of this.sessions) {
      if (code === undefined) s.ws.terminate();
      else s.ws.close(code);
    }
  }

  // -------------------------------------------------------------------------
  // Interactions

  /**
   * Sends INTERACTION_CREATE and resolves with the first acknowledgement
   * attempt (rejects if none arrives within `dispatchTimeoutMs`).
   */
  async dispatch(payload: Json): Promise<{ record: InteractionRecord; ack: Callback }> {
    const record = this.dispatchInteraction(payload);
    const ack = await Promise.race([
      record.acknowledged,
      new Promise<never>((_, reject) => setTimeout(
        () => reject(new Error(`no response to interaction ${payload.data?.name ?? payload.data?.custom_id ?? payload.type} within ${this.dispatchTimeoutMs} ms`)),
        this.dispatchTimeoutMs,
      ).unref()),
    ]);
    return { record, ack };
  }

  /** Sends INTERACTION_CREATE without waiting; the record fills in as the bot responds. */
  dispatchInteraction(payload: Json): InteractionRecord {
    // A guild's interactions go to its shard's connection; direct messages to shard 0.
    const owns = (s: Session) => (payload.guild_id ? shardOfGuild(payload.guild_id, s.shard[1]) : 0) === s.shard[0];
    // The newest such connection: an older one may be on its way out after a reconnect.
    const session = [...this.sessions].reverse().find((s) => s.identified && owns(s));
    if (!session) throw new Error(payload.guild_id ? `no bot connection serves the shard of guild ${payload.guild_id}` : 'no bot is connected to the gateway');
    let resolveAck!: (c: Callback) => void;
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      payload,
      dispatchedAt: performance.now(),
      callbacks: [],
      webhooks: [],
      original: null,
      acknowledged: new Promise<Callback>((resolve) => (resolveAck = resolve)),
      shard: session.shard[0],
    };
    this.interactions.set(record.id, record);
    this.byToken.set(record.token, record);
    this.ackResolvers.set(record.id, resolveAck);
    this.sendDispatch('INTERACTION_CREATE', payload, session);
    return record;
  }

  /** Waits until `record` has at least `count` webhook calls (edits/follow-ups). */
  async waitForWebhooks(record: InteractionRecord, count: number, timeoutMs = 5000): Promise<WebhookCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (record.webhooks.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} webhook call(s) for interaction ${record.id}, got ${record.webhooks.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return record.webhooks;
  }

  // Payload builders -----------------------------------------------------------

  private base(type: number, user: FakeUser, guildId = this.guildId): Json {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`the bot is not in guild ${guildId}: addGuild it first`);
    return {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      token: `itk.${randomBytes(24).toString('base64url')}`,
      version: 1,
      guild_id: guildId,
      guild: { id: guildId, locale: 'en-US', features: [] },
      channel_id: guild.channelId,
      channel: this.channelPayload(guildId),
      member: {
        user, roles: [], permissions: '2248473465835073', joined_at: new Date(0).toISOString(), deaf: false, mute: false,
        flags: 0, pending: false, nick: null, avatar: null, premium_since: null, communication_disabled_until: null,
      },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: guildId },
      context: 0,
      attachment_size_limit: 8 * 1024 * 1024,
    };
  }

  /** The registered command called `name` (guild first, then global); throws if Discord would not know it. */
  registeredCommand(name: string, type = 1, guildId = this.guildId): Json {
    const found = [...(this.commands.guilds.get(guildId) ?? []), ...this.commands.global].find((c) => c.name === name && (c.type ?? 1) === type);
    if (!found) throw new Error(`command "${name}" (type ${type}) is not registered: run deploy-commands against the stand-in first`);
    return found;
  }

  /**
   * A slash-command interaction, built like Discord would from the registered
   * command: unknown options, wrong types, missing required options and
   * out-of-range values throw, as the Discord client would not send them.
   */
  slash(name: string, options: Record<string, string | number | boolean | FakeUser> = {}, user: FakeUser = this.owner, focused?: string, guildId = this.guildId): Json {
    const command = this.registeredCommand(name, 1, guildId);
    const defs: Json[] = command.options ?? [];
    const resolved: Json = {};
    const opts = Object.entries(options).map(([optName, value]) => {
      const def = defs.find((d) => d.name === optName);
      if (!def) throw new Error(`/${name} has no option "${optName}"`);
      const isFocused = optName === focused;
      if (def.type === 6) {
        const u = value as FakeUser;
        resolved.users = { ...resolved.users, [u.id]: u };
        resolved.members = { ...resolved.members, [u.id]: { roles: [], joined_at: new Date(0).toISOString(), permissions: '0', flags: 0, nick: null, avatar: null, pending: false } };
        return { name: optName, type: 6, value: u.id };
      }
      const expected = def.type === 3 ? 'string' : def.type === 5 ? 'boolean' : 'number';
      if (typeof value !== expected && !(isFocused && typeof value === 'string')) throw new Error(`option "${optName}" of /${name} takes a ${expected}`);
      if (!isFocused) {
        if (def.type === 3 && def.max_length !== undefined && String(value).length > def.max_length) throw new Error(`option "${optName}" is longer than ${def.max_length}`);
        if (typeof value === 'number' && ((def.min_value !== undefined && value < def.min_value) || (def.max_value !== undefined && value > def.max_value))) {
          throw new Error(`option "${optName}" is out of range`);
        }
      }
      return { name: optName, type: def.type, value, ...(isFocused ? { focused: true } : {}) };
    });
    if (!focused) {
      for (const d of defs) if (d.required && !(d.name in options)) throw new Error(`/${name} needs option "${d.name}"`);
    } else if (!defs.find((d) => d.name === focused)?.autocomplete) {
      throw new Error(`option "${focused}" of /${name} has no autocomplete`);
    }
    return {
      ...this.base(focused ? 4 : 2, user, guildId),
      data: { id: command.id, name, type: 1, options: opts, ...(Object.keys(resolved).length ? { resolved } : {}) },
    };
  }

  /** A slash-command interaction from another guild the bot is in (see addGuild). */
  slashIn(guildId: string, name: string, options: Record<string, string | number | boolean | FakeUser> = {}, user: FakeUser = this.owner): Json {
    return this.slash(name, options, user, undefined, guildId);
  }

  /** An autocomplete interaction: `focused` names the option being typed. */
  autocomplete(name: string, options: Record<string, string | number | boolean>, focused: string, user: FakeUser = this.owner): Json {
    return this.slash(name, options, user, focused);
  }

  /** A button press on a message the bot sent (looked up by id, as Discord sends it back). */
  button(messageId: string, customId: string, user: FakeUser = this.owner): Json {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    const exists = message.components.some((row) => (row.components as Json[]).some((c) => c.custom_id === customId));
    if (!exists) throw new Error(`message ${messageId} has no button ${customId}`);
    const clicked = message.components.flatMap((row) => row.components as Json[]).find((c) => c.custom_id === customId)!;
    if (clicked.disabled) throw new Error(`button ${customId} is disabled: Discord would not send the press`);
    return { ...this.base(3, user, message.guild_id), message: this.publicMessage(message), data: { custom_id: customId, component_type: 2 } };
  }

  /** A message posted by a user in the test channel (for the message context menu). */
  userMessage(content: string, author: FakeUser = this.owner): StoredMessage {
    const message = this.storeMessage({ content, author, embeds: [], components: [], flags: 0 }, undefined, 0);
    return message;
  }

  /** A message context-menu interaction on `messageId`. */
  messageCommand(name: string, messageId: string, user: FakeUser = this.owner): Json {
    const command = this.registeredCommand(name, 3);
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    return {
      ...this.base(2, user),
      data: { id: command.id, name, type: 3, target_id: messageId, resolved: { messages: { [messageId]: this.publicMessage(message) } } },
    };
  }

  private channelPayload(guildId = this.guildId): Json {
    const guild = this.guilds.get(guildId)!;
    return { id: guild.channelId, type: 0, name: 'general', guild_id: guildId, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0, flags: 0 };
  }

  // -------------------------------------------------------------------------
  // Messages

  private storeMessage(body: Json, interaction: InteractionRecord | undefined, type: number): StoredMessage {
    const id = snowflake();
    const message = {
      id,
      type,
      channel_id: interaction?.payload.channel_id ?? this.channelId,
      guild_id: interaction?.payload.guild_id ?? this.guildId,
      author: body.author ?? this.bot,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...(interaction ? {
        webhook_id: this.applicationId,
        application_id: this.applicationId,
        interaction_metadata: { id: interaction.id, type: interaction.payload.type, user: interaction.payload.member.user, authorizing_integration_owners: {} },
      } : {}),
      pinged: { users: [], roles: [], everyone: false },
      allowedMentions: undefined,
    } as unknown as StoredMessage;
    this.applyEdit(message, body);
    this.messages.set(id, message);
    return message;
  }

  private applyEdit(message: StoredMessage, body: Json): void {
    if (body.content !== undefined) message.content = body.content ?? '';
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null) message.flags = body.flags;
    message.allowedMentions = body.allowed_mentions;
    message.pinged = this.pingsOf(message.content, body.allowed_mentions);
    message.mentions = message.pinged.users.map((id) => ({ id, username: id, discriminator: '0', global_name: null, avatar: null }));
    message.mention_everyone = message.pinged.everyone;
  }

  /** Who Discord would notify: mentions in the content, filtered by allowed_mentions (everything when absent). */
  pingsOf(content: string, allowed: Json | undefined): StoredMessage['pinged'] {
    const parse: string[] | null = allowed ? (allowed.parse ?? []) : null;
    const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
    const userAllowed = (id: string) => parse === null || parse.includes('users') || (allowed?.users ?? []).includes(id);
    const roleAllowed = (id: string) => parse === null || parse.includes('roles') || (allowed?.roles ?? []).includes(id);
    return {
      users: [...new Set(users.filter(userAllowed))],
      roles: [...new Set(roles.filter(roleAllowed))],
      everyone: /@(everyone|here)/.test(content) && (parse === null || parse.includes('everyone')),
    };
  }

  /** The message as Discord sends it in payloads (without the stand-in's bookkeeping). */
  publicMessage(message: StoredMessage): Json {
    const { pinged: _p, allowedMentions: _a, ...rest } = message;
    return structuredClone(rest);
  }

  // -------------------------------------------------------------------------
  // REST

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: any = undefined;
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      if (res.headersSent) return;
      // A JSON content type on an empty body makes discord.js fail to parse it.
      res.writeHead(status, { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    try {
      if (raw) {
        if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
          throw discordError(400, 50035, 'The stand-in only understands JSON bodies (no file uploads)');
        }
        try {
          body = JSON.parse(raw);
        } catch {
          throw discordError(400, 50109, 'The request body contains invalid JSON.');
        }
      }
      // discord.js percent-encodes "@original"; ids and tokens never contain a slash.
      const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
      const request: RestRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body, at: performance.now() };
      this.requests.push(request);
      this.emit('request', request);
      for (const hook of this.restHooks) {
        const fault = await hook(request);
        if (!fault) continue;
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.status !== undefined) return send(fault.status, fault.body, fault.headers);
      }
      const [status, payload] = this.route(request);
      send(status, payload);
    } catch (err) {
      if (err instanceof HttpError) send(err.status, err.body);
      else send(500, { message: `stand-in error: ${(err as Error).message}`, code: 0 });
    }
  }

  private requireBotAuth(req: RestRequest): void {
    if (req.headers.authorization !== `Bot ${this.token}`) throw discordError(401, 0, '401: Unauthorized');
  }

  private route(req: RestRequest): [number, unknown] {
    const { method, path } = req;
    let m: RegExpMatchArray | null;

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      if (path === '/gateway/bot') this.requireBotAuth(req);
      return [200, {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }];
    }

    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      this.requireBotAuth(req);
      const [, appId, guildId] = m;
      if (appId !== this.applicationId) throw discordError(403, 50001, 'Missing Access');
      if (guildId !== undefined && !this.guilds.has(guildId)) throw discordError(403, 50001, 'Missing Access');
      if (method === 'GET') return [200, guildId ? this.commands.guilds.get(guildId) ?? [] : this.commands.global];
      if (method === 'PUT') {
        const problems = commandProblems(req.body);
        if (problems.length) throw new HttpError(400, invalidFormBody(problems));
        const stored = (req.body as Json[]).map((c) => ({
          ...c, type: c.type ?? 1, id: snowflake(), application_id: this.applicationId, version: snowflake(),
          ...(guildId ? { guild_id: guildId } : {}),
        }));
        if (guildId) this.commands.guilds.set(guildId, stored);
        else this.commands.global = stored;
        this.emit('registered', { scope: guildId ? `guild:${guildId}` : 'global', commands: stored });
        return [200, stored];
      }
    }

    if (method === 'POST' && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      return this.handleCallback(m[1]!, m[2]!, req);
    }

    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      return this.handleWebhook(m[1]!, m[2]!, m[3], req);
    }

    if (method === 'GET' && path === '/users/@me') {
      this.requireBotAuth(req);
      return [200, this.bot];
    }
    throw discordError(404, 0, '404: Not Found');
  }

  private handleCallback(id: string, token: string, req: RestRequest): [number, unknown] {
    const record = this.interactions.get(id);
    const latencyMs = record ? performance.now() - record.dispatchedAt : 0;
    const callback: Callback = { type: req.body?.type, data: req.body?.data, status: 0, error: null, query: req.query.toString(), latencyMs };
    const finish = (status: number, payload: unknown): [number, unknown] => {
      callback.status = status;
      if (status >= 400) callback.error = payload;
      if (record) {
        record.callbacks.push(callback);
        const resolve = this.ackResolvers.get(id);
        if (resolve) {
          this.ackResolvers.delete(id);
          resolve(callback);
        }
      }
      this.emit('callback', { record, callback });
      return [status, payload];
    };
    const fail = (status: number, code: number, message: string, errors?: unknown) =>
      finish(status, { message, code, ...(errors ? { errors } : {}) });

    if (!record || record.token !== token) return fail(404, 10062, 'Unknown interaction');
    if (latencyMs > this.responseWindowMs) return fail(404, 10062, 'Unknown interaction');
    if (record.callbacks.some((c) => c.status < 300)) return fail(400, 40060, 'Interaction has already been acknowledged.');

    const interactionType = record.payload.type as number;
    const type = req.body?.type;
    const allowed = interactionType === 4 ? [8] : interactionType === 3 ? [4, 5, 6, 7, 9] : [4, 5, 9];
    if (!allowed.includes(type)) return fail(400, 50035, 'Invalid Form Body', { type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: `Callback type ${type} is not valid for interaction type ${interactionType}` }] } });

    let problems: Problem[] = [];
    if (type === 8) problems = autocompleteProblems(req.body.data);
    else if (type === 4) problems = messageProblems(req.body.data ?? {});
    else if (type === 7) problems = messageProblems(req.body.data ?? {}, { partial: true });
    if (problems.length) {
      const error = invalidFormBody(problems, ['data']);
      return finish(400, error);
    }

    let message: StoredMessage | null = null;
    if (type === 4 || type === 5) {
      const data = type === 5 ? { content: '', flags: req.body.data?.flags ?? 0, components: [] } : req.body.data;
      message = this.storeMessage(data, record, record.payload.type === 2 ? (record.payload.data.type === 1 ? 20 : 23) : 19);
      if (type === 5) message.flags |= 128; // LOADING
      record.original = message;
    } else if (type === 7 || type === 6) {
      const target = this.messages.get(record.payload.message?.id);
      if (!target) return fail(404, 10008, 'Unknown Message');
      if (type === 7) {
        this.applyEdit(target, req.body.data ?? {});
        target.edited_timestamp = new Date().toISOString();
      }
      message = target;
    }
    const withResponse = req.query.get('with_response') === 'true';
    if (!withResponse) return finish(204, undefined);
    return finish(200, {
      interaction: { id: record.id, type: record.payload.type, activity_instance_id: null, response_message_id: message?.id ?? null, response_message_loading: type === 5, response_message_ephemeral: Boolean((message?.flags ?? 0) & 64) },
      resource: message ? { type, message: this.publicMessage(message) } : { type },
    });
  }

  private handleWebhook(appId: string, token: string, messageId: string | undefined, req: RestRequest): [number, unknown] {
    const record = this.byToken.get(token);
    const call: WebhookCall = { method: req.method, path: req.path, body: req.body, status: 0, error: null, at: performance.now() };
    const finish = (status: number, payload: unknown): [number, unknown] => {
      call.status = status;
      if (status >= 400) call.error = payload;
      if (record) record.webhooks.push(call);
      this.emit('webhook', { record, call });
      return [status, payload];
    };
    if (appId !== this.applicationId || !record) return finish(404, { message: 'Unknown Webhook', code: 10015 });
    if (performance.now() - record.dispatchedAt > this.tokenLifetimeMs) return finish(401, { message: 'Invalid Webhook Token', code: 50027 });
    if (!record.callbacks.some((c) => c.status < 300)) return finish(404, { message: 'Unknown Webhook', code: 10015 });

    if (messageId === undefined) {
      if (req.method !== 'POST') return finish(405, { message: '405: Method Not Allowed', code: 0 });
      const problems = messageProblems(req.body ?? {});
      if (problems.length) return finish(400, invalidFormBody(problems));
      const message = this.storeMessage(req.body, record, 0);
      return req.query.get('wait') === 'false' ? finish(204, undefined) : finish(200, this.publicMessage(message));
    }

    const target = messageId === '@original'
      ? (record.original ?? (record.payload.type === 3 ? this.messages.get(record.payload.message?.id) ?? null : null))
      : this.messages.get(messageId) ?? null;
    if (!target) return finish(404, { message: 'Unknown Message', code: 10008 });
    if (req.method === 'GET') return finish(200, this.publicMessage(target));
    if (req.method === 'DELETE') {
      this.messages.delete(target.id);
      return finish(204, undefined);
    }
    if (req.method === 'PATCH') {
      const problems = messageProblems(req.body ?? {}, { partial: true });
      if (problems.length) return finish(400, invalidFormBody(problems));
      this.applyEdit(target, req.body ?? {});
      target.flags &= ~128;
      target.edited_timestamp = new Date().toISOString();
      return finish(200, this.publicMessage(target));
    }
    return finish(405, { message: '405: Method Not Allowed', code: 0 });
  }

  // -------------------------------------------------------------------------
  // Gateway

  private handleGateway(ws: WebSocket, req: IncomingMessage): void {
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    if (params.get('encoding') && params.get('encoding') !== 'json') return ws.close(4002, 'Decode error: the stand-in speaks JSON only');
    if (params.get('compress')) return ws.close(4002, 'Decode error: the stand-in does not compress');
    const session: Session = { ws, id: randomBytes(16).toString('hex'), seq: 0, identified: false, identify: null, shard: [0, 1] };
    this.sessions.add(session);
    ws.on('close', () => this.sessions.delete(session));
    ws.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw));
      } catch {
        return ws.close(4002, 'Decode error');
      }
      this.received.push(payload);
      this.emit('gateway', { session, payload });
      this.onGatewayPayload(session, payload);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onGatewayPayload(session: Session, payload: Json): void {
    switch (payload.op) {
      case 1:
        if (this.ackHeartbeats) session.ws.send(JSON.stringify({ op: 11 }));
        return;
      case 2: {
        if (session.identified) return session.ws.close(4005, 'Already authenticated');
        const d = payload.d ?? {};
        if (d.token !== this.token) return session.ws.close(4004, 'Authentication failed');
        if (typeof d.intents !== 'number') return session.ws.close(4013, 'Invalid intent(s)');
        if (d.intents & PRIVILEGED_INTENTS) return session.ws.close(4014, 'Disallowed intent(s)');
        const shard = d.shard ?? [0, 1];
        if (!Array.isArray(shard) || shard.length !== 2 || !shard.every(Number.isInteger) || shard[1] < 1 || shard[0] < 0 || shard[0] >= shard[1]) {
          return session.ws.close(4010, 'Invalid shard');
        }
        if (shard[1] < this.shardCount) return session.ws.close(4011, 'Sharding required');
        session.identified = true;
        session.identify = d;
        session.shard = [shard[0], shard[1]];
        this.shardOfSession.set(session.id, session.shard);
        const guilds = [...this.guilds.keys()].filter((id) => shardOfGuild(id, shard[1]) === shard[0]);
        this.sendDispatch('READY', {
          v: 10,
          user: this.bot,
          guilds: guilds.map((id) => ({ id, unavailable: true })),
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard: session.shard,
          application: { id: this.applicationId, flags: 0 },
        }, session);
        for (const id of guilds) this.sendDispatch('GUILD_CREATE', this.guildPayload(id), session);
        this.emit('ready', session);
        return;
      }
      case 6: {
        const d = payload.d ?? {};
        const previous = [...this.sessions].find((s) => s !== session && s.id === d.session_id);
        if (d.token !== this.token) return session.ws.close(4004, 'Authentication failed');
        session.id = d.session_id;
        session.seq = Number(d.seq) || 0;
        session.identified = true;
        session.shard = this.shardOfSession.get(d.session_id) ?? [0, 1];
        previous?.ws.terminate();
        this.sendDispatch('RESUMED', {}, session);
        this.emit('resumed', session);
        return;
      }
      default:
        // Presence updates, member requests and voice: nothing this bot relies on.
        return;
    }
  }

  private guildPayload(guildId = this.guildId): Json {
    const guild = this.guilds.get(guildId)!;
    return {
      id: guildId,
      name: guild.name,
      icon: null,
      owner_id: this.owner.id,
      region: 'us-west',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      members: [],
      voice_states: [],
      channels: [this.channelPayload(guildId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
