/**
 * Local HTTP server that speaks the Upstash Redis REST protocol, so code using
 * `@upstash/redis` and `@upstash/ratelimit` runs unchanged in development and CI.
 * Commands go to a real redis-server (through ioredis) or to an in-memory store
 * (ioredis-mock).
 *
 * Protocol, as the installed @upstash/redis 1.39 client uses it (pkg/http.ts, pkg/pipeline.ts):
 * - `POST /` with a JSON command array such as `["set", "k", "v"]` returns
 *   `{"result": ...}`, or HTTP 400 with `{"error": "..."}` for a Redis error.
 * - `POST /pipeline` with an array of command arrays returns an array of
 *   `{"result"}` / `{"error"}` entries. Other requests may interleave with it.
 * - `POST /multi-exec` takes the same body and runs it as one MULTI/EXEC transaction.
 * - `GET /set/k/v` and `POST /set/k` (the body becomes the last argument) are the
 *   path-style commands of the Upstash REST API, handy with curl.
 * - Every request needs `Authorization: Bearer <token>` or `?_token=<token>`, otherwise 401.
 * - With the request header `Upstash-Encoding: base64`, every string in a result is
 *   the base64 of its raw bytes, except a top-level "OK", which the client does not decode.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import Redis, { ReplyError } from 'ioredis';
// The arity table ships inside ioredis's own dependency. Its public API exposes no arity.
import redisCommandTable from '@ioredis/commands/built/commands.json';

export type BridgeBackendKind = 'redis' | 'embedded';

export interface BridgeLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface RedisBridgeOptions {
  /** TCP port to listen on. 0, the default, picks a free port. */
  port?: number;
  /** Interface to bind, by default 127.0.0.1. */
  host?: string;
  /** Bearer token that clients must send (their UPSTASH_REDIS_REST_TOKEN). */
  token: string;
  /** redis-server to use, such as redis://127.0.0.1:6379/0 or rediss://:password@host:6380. */
  redisUrl?: string;
  /**
   * Store selection. 'auto' (the default) uses `redisUrl` when given, else a
   * redis-server on 127.0.0.1:6379 that replies to PING within 300 ms, else the embedded store.
   */
  backend?: 'auto' | 'redis' | 'embedded';
  /** Maximum request body in bytes; larger requests get HTTP 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Destination of the start, stop and backend error lines, by default console. */
  logger?: BridgeLogger;
}

export interface RedisBridge {
  /** Base URL for `new Redis({ url, token })`, such as http://127.0.0.1:8079. */
  url: string;
  token: string;
  backend: BridgeBackendKind;
  /** Stops accepting requests, waits for running ones, then disconnects from the store. */
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const LOCAL_REDIS_HOST = '127.0.0.1';
const LOCAL_REDIS_PORT = 6379;
const LOCAL_REDIS_PROBE_TIMEOUT_MS = 300;

// Upstash's reply to a missing or wrong token, as quoted on its troubleshooting page
// "WRONGPASS invalid or missing auth token" (upstash.com/docs/redis/troubleshooting/http_unauthorized).
const UNAUTHORIZED_MESSAGE = 'WRONGPASS invalid or missing auth token';

// ---------------------------------------------------------------------------
// Replies and errors

/** A reply as the backends return it: Buffers for bulk and status strings, numbers for integers. */
type Reply = Buffer | string | number | null | Error | Reply[];
type JsonReply = string | number | null | JsonReply[];

type TransactionEntry = { reply: Reply } | { error: string };

/** A Redis error reply ("ERR ...", "WRONGTYPE ...") that goes back to the caller as `{"error"}` with HTTP 400. */
class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** A request the bridge cannot read, rejected with its own HTTP status and `{"error"}`. */
class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function encodeReply(reply: Reply, base64: boolean): JsonReply {
  if (reply === null || typeof reply === 'number') {
    return reply;
  }

  if (Array.isArray(reply)) {
    return reply.map((item) => encodeReply(item, base64));
  }

  // An error nested in an array, such as a Lua table containing redis.error_reply(), becomes its message.
  const text = reply instanceof Error ? reply.message : reply;
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}

function encodeResult(reply: Reply, base64: boolean): JsonReply {
  // @upstash/redis 1.39 base64-decodes every top-level string except "OK" (decode() in pkg/http.ts),
  // so the status reply OK goes out as plain text. Inside arrays the client decodes every string.
  const isOk = (typeof reply === 'string' || Buffer.isBuffer(reply)) && reply.length === 2 && reply.toString() === 'OK';
  if (base64 && isOk) {
    return 'OK';
  }

  return encodeReply(reply, base64);
}

// ---------------------------------------------------------------------------
// Lua scripts

function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

// Shebang flags that redis-server 7 accepts. Upstash adds others, such as allow-key-locking in
// @upstash/ratelimit 2.2, which redis-server 7.0 rejects with "Unexpected flag in script shebang".
const REDIS_SCRIPT_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);

/**
 * Removes a shebang line that the backend cannot run: any shebang for the embedded store (its
 * Lua VM fails on "#!"), and one with a non-Redis flag for redis-server.
 */
function toRunnableScript(source: string, keepRedisShebang: boolean): string {
  const shebang = /^#![^\n]*/.exec(source)?.[0];
  if (shebang === undefined) {
    return source;
  }

  const flags =
    /\bflags=(\S*)/
      .exec(shebang)?.[1]
      ?.split(',')
      .filter((flag) => flag !== '') ?? [];
  const redisUnderstandsShebang = shebang.startsWith('#!lua') && flags.every((flag) => REDIS_SCRIPT_FLAGS.has(flag));
  if (keepRedisShebang && redisUnderstandsShebang) {
    return source;
  }

  // Keeping the newline leaves an empty first line, so line numbers in Lua errors still match the caller's script.
  return source.slice(shebang.length);
}

interface RegisteredScript {
  runnable: string;
  runnableSha: string;
}

/**
 * Maps the SHA1 of each script a client sent (which EVALSHA will use) to the script the backend
 * can run. Clients compute EVALSHA hashes from the original text, shebang included.
 */
class ScriptRegistry {
  private readonly byOriginalSha = new Map<string, RegisteredScript>();

  constructor(private readonly keepRedisShebang: boolean) {}

  register(source: string): RegisteredScript {
    const runnable = toRunnableScript(source, this.keepRedisShebang);
    const script = { runnable, runnableSha: sha1Hex(runnable) };
    this.byOriginalSha.set(sha1Hex(source), script);
    return script;
  }

  find(sha: string): RegisteredScript | undefined {
    return this.byOriginalSha.get(sha.toLowerCase());
  }

  clear(): void {
    this.byOriginalSha.clear();
  }
}

// ---------------------------------------------------------------------------
// Command parsing and translation, shared by both backends

function parseCommand(value: unknown, label: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new CommandError(
      `ERR ${label} must be a non-empty JSON array such as ["get", "key"], got ${describeJson(value)}`,
    );
  }

  return value.map((argument: unknown, index) => {
    if (typeof argument === 'string') {
      return argument;
    }

    // @upstash/redis sends numbers and booleans as JSON values and serializes everything else to a string.
    if ((typeof argument === 'number' && Number.isFinite(argument)) || typeof argument === 'boolean') {
      return String(argument);
    }

    throw new CommandError(
      `ERR ${label} argument ${index} must be a string, number or boolean, got ${describeJson(argument)}; JSON.stringify objects first`,
    );
  });
}

function describeJson(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  return Array.isArray(value) ? `an array of ${value.length}` : typeof value;
}

const TRANSACTION_HINT = 'send the whole transaction to POST /multi-exec instead';
const CONNECTION_HINT = 'every request shares one bridge-managed connection';
const PUBSUB_HINT = 'Pub/Sub needs a streaming connection, which the REST protocol does not have';

// Commands that would change the shared connection's state, stream forever, or stop the server.
const REJECTED_COMMANDS = new Map<string, string>([
  ['multi', TRANSACTION_HINT],
  ['exec', TRANSACTION_HINT],
  ['discard', TRANSACTION_HINT],
  ['watch', `${CONNECTION_HINT}, so WATCH would leak into other requests`],
  ['unwatch', `${CONNECTION_HINT}, so WATCH would leak into other requests`],
  ['select', 'choose the database in the redis URL path instead, such as redis://127.0.0.1:6379/2'],
  ['swapdb', `${CONNECTION_HINT} and expects database 0 to stay in place`],
  ['auth', 'put the password in the redis URL instead, such as redis://:PASSWORD@127.0.0.1:6379'],
  ['hello', `${CONNECTION_HINT} and speaks RESP2`],
  ['quit', `${CONNECTION_HINT}; close the HTTP connection instead`],
  ['reset', `${CONNECTION_HINT}; close the HTTP connection instead`],
  ['subscribe', PUBSUB_HINT],
  ['psubscribe', PUBSUB_HINT],
  ['ssubscribe', PUBSUB_HINT],
  ['unsubscribe', PUBSUB_HINT],
  ['punsubscribe', PUBSUB_HINT],
  ['sunsubscribe', PUBSUB_HINT],
  ['monitor', 'it streams replies forever'],
  ['sync', 'it streams replies forever'],
  ['psync', 'it streams replies forever'],
  ['replconf', 'it is for replicas only'],
  ['shutdown', 'it would stop the redis-server that other programs share'],
  ['replicaof', 'it would turn the shared redis-server into a replica'],
  ['slaveof', 'it would turn the shared redis-server into a replica'],
  ['failover', 'it would turn the shared redis-server into a replica'],
]);

const REJECTED_CLIENT_SUBCOMMANDS = new Set(['reply', 'tracking', 'caching']);

function rejectUnsupportedCommand(command: string[]): void {
  const name = command[0]!.toLowerCase();
  const reason = REJECTED_COMMANDS.get(name);
  if (reason !== undefined) {
    throw new CommandError(`ERR command '${name.toUpperCase()}' is not supported by the REST bridge: ${reason}`);
  }

  const subcommand = command[1]?.toLowerCase();
  if (name === 'client' && subcommand !== undefined && REJECTED_CLIENT_SUBCOMMANDS.has(subcommand)) {
    throw new CommandError(
      `ERR command 'CLIENT ${subcommand.toUpperCase()}' is not supported by the REST bridge: ${CONNECTION_HINT}`,
    );
  }
}

interface PreparedCommand {
  /** Command for the backend, name first. */
  command: string[];
  /** Rewrites a successful backend reply, such as a script SHA1, into what the caller expects. */
  mapReply?: (reply: Reply) => Reply;
}

/**
 * Rejects commands the bridge cannot serve and rewrites script commands. EVAL runs the runnable
 * form of the script, and EVALSHA of a known original SHA1 becomes EVAL of that form.
 * SCRIPT LOAD and SCRIPT EXISTS translate between the caller's SHA1 and the runnable script's.
 */
function prepareCommand(command: string[], scripts: ScriptRegistry): PreparedCommand {
  rejectUnsupportedCommand(command);

  const name = command[0]!.toLowerCase();
  const [, first, second] = command;

  if ((name === 'eval' || name === 'eval_ro') && first !== undefined) {
    const script = scripts.register(first);
    return { command: [name, script.runnable, ...command.slice(2)] };
  }

  if ((name === 'evalsha' || name === 'evalsha_ro') && first !== undefined) {
    const script = scripts.find(first);
    if (script === undefined) {
      // Unknown here, so the backend replies NOSCRIPT and the client falls back to EVAL.
      return { command };
    }

    const evalName = name === 'evalsha' ? 'eval' : 'eval_ro';
    return { command: [evalName, script.runnable, ...command.slice(2)] };
  }

  if (name !== 'script' || first === undefined) {
    return { command };
  }

  const subcommand = first.toLowerCase();

  if (subcommand === 'load' && second !== undefined && command.length === 3) {
    const originalSha = sha1Hex(second);
    const script = scripts.register(second);
    return { command: [name, first, script.runnable], mapReply: () => originalSha };
  }

  if (subcommand === 'exists') {
    const shas = command.slice(2).map((sha) => scripts.find(sha)?.runnableSha ?? sha);
    return { command: [name, first, ...shas] };
  }

  if (subcommand === 'flush') {
    scripts.clear();
  }

  return { command };
}

// ---------------------------------------------------------------------------
// Backends

interface Backend {
  readonly kind: BridgeBackendKind;
  /** Location of the data for log lines and error messages, without credentials. */
  readonly description: string;
  /** Runs one command and throws CommandError for a Redis error reply. The signal aborts blocking commands. */
  run(command: string[], signal: AbortSignal): Promise<Reply>;
  /** Runs commands atomically. Throws CommandError ("EXECABORT ...") when none of them ran. */
  runTransaction(commands: string[][]): Promise<TransactionEntry[]>;
  close(): Promise<void>;
}

/** Returns the redis URL without user name and password, for log lines. */
function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return '(unparsable redis URL)';
  }
}

// Commands that block their connection until data arrives. XREAD and XREADGROUP block only with BLOCK.
const BLOCKING_COMMANDS = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'wait',
  'waitaof',
]);

function isBlockingCommand(command: string[]): boolean {
  const name = command[0]!.toLowerCase();
  if (name === 'xread' || name === 'xreadgroup') {
    return command.some((argument) => argument.toUpperCase() === 'BLOCK');
  }

  return BLOCKING_COMMANDS.has(name);
}

class RedisServerBackend implements Backend {
  readonly kind = 'redis';
  private readonly blockingConnections = new Set<Redis>();

  private constructor(
    private readonly client: Redis,
    readonly description: string,
  ) {}

  /** Connects to redis-server, failing at once when it does not respond, and reconnecting after that. */
  static async connect(redisUrl: string, logger: BridgeLogger): Promise<RedisServerBackend> {
    const description = `redis-server ${describeRedisUrl(redisUrl)}`;
    let wasReady = false;
    let lastConnectionError = '';

    const client = new Redis(redisUrl, {
      lazyConnect: true,
      connectTimeout: 2000,
      // A request fails after two reconnect attempts instead of ioredis's default 20, so callers see outages quickly.
      maxRetriesPerRequest: 2,
      retryStrategy: (attempt) => (wasReady ? Math.min(attempt * 200, 2000) : null),
      // Auto-pipelining stays off (the default): in ioredis 5.11 it drops the command name of
      // callBuffer() calls, because autoPipelining.js only re-adds it for call().
      enableAutoPipelining: false,
    });

    // connect() rejects with "Connection is closed.", so keep the socket error to report its cause.
    const recordStartupError = (error: Error): void => {
      lastConnectionError = error.message;
    };
    client.on('error', recordStartupError);

    try {
      await client.connect();
    } catch (error) {
      // disconnect() on an ended client would arm a timer for a socket that has already closed.
      if (client.status !== 'end') {
        client.disconnect();
      }

      const cause = lastConnectionError || errorMessage(error);
      throw new Error(
        `Redis bridge cannot connect to ${description}: ${cause}. Start redis-server, fix redisUrl (REDIS_URL), or use backend 'embedded'.`,
      );
    }

    wasReady = true;
    client.off('error', recordStartupError);
    RedisServerBackend.logConnectionErrors(client, description, logger);
    return new RedisServerBackend(client, description);
  }

  /** Logs the first error of each outage and how many followed, since ioredis emits one per reconnect attempt. */
  private static logConnectionErrors(client: Redis, description: string, logger: BridgeLogger): void {
    let failing = false;
    let repeatedErrors = 0;

    client.on('error', (error: Error) => {
      if (failing) {
        repeatedErrors += 1;
        return;
      }

      failing = true;
      logger.warn(`Redis bridge lost its connection to ${description}: ${error.message}; reconnecting`);
    });

    client.on('ready', () => {
      if (!failing) {
        return;
      }

      logger.info(`Redis bridge reconnected to ${description} after ${repeatedErrors + 1} connection errors`);
      failing = false;
      repeatedErrors = 0;
    });
  }

  async run(command: string[], signal: AbortSignal): Promise<Reply> {
    const [name, ...args] = command;

    try {
      if (isBlockingCommand(command)) {
        return await this.runOnDedicatedConnection(command, signal);
      }

      // Upper case skips ioredis's reply transformers (keyed by lower-case name), which would turn
      // HGETALL into an object, and Redis itself ignores the case of command names.
      return (await this.client.callBuffer(name!.toUpperCase(), ...args)) as Reply;
    } catch (error) {
      throw toCommandErrorIfReply(error);
    }
  }

  /** Runs a blocking command on its own connection, so it cannot stall every other request. */
  private async runOnDedicatedConnection(command: string[], signal: AbortSignal): Promise<Reply> {
    const [name, ...args] = command;
    const connection = this.client.duplicate({ lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });

    // Errors of this connection reject the pending command, which reaches the caller.
    connection.on('error', () => undefined);

    const disconnect = (): void => connection.disconnect();
    signal.addEventListener('abort', disconnect, { once: true });
    this.blockingConnections.add(connection);

    try {
      signal.throwIfAborted();
      await connection.connect();
      return (await connection.callBuffer(name!.toUpperCase(), ...args)) as Reply;
    } finally {
      signal.removeEventListener('abort', disconnect);
      this.blockingConnections.delete(connection);
      connection.disconnect();
    }
  }

  async runTransaction(commands: string[][]): Promise<TransactionEntry[]> {
    // ioredis writes MULTI, the commands and EXEC in one go, so other requests cannot slip in between.
    const transaction = this.client.multi();
    for (const [name, ...args] of commands) {
      transaction.callBuffer(name!.toUpperCase(), ...args);
    }

    let results: [Error | null, unknown][] | null;
    try {
      results = await transaction.exec();
    } catch (error) {
      throw toTransactionAbortError(error);
    }

    if (results === null) {
      throw new CommandError('EXECABORT Transaction discarded because a watched key changed.');
    }

    return results.map(([error, reply]) => (error ? { error: error.message } : { reply: reply as Reply }));
  }

  async close(): Promise<void> {
    for (const connection of this.blockingConnections) {
      connection.disconnect();
    }

    try {
      await this.client.quit();
    } catch {
      // QUIT fails when the server is already gone, and then there is nothing left to close.
      this.client.disconnect();
    }
  }
}

function toCommandErrorIfReply(error: unknown): unknown {
  return error instanceof ReplyError ? new CommandError((error as Error).message) : error;
}

/** Turns EXECABORT into one message naming the errors of the rejected commands. */
function toTransactionAbortError(error: unknown): unknown {
  if (!(error instanceof ReplyError)) {
    return error;
  }

  const { message, previousErrors } = error as Error & { previousErrors?: Error[] };
  const causes = previousErrors?.map((cause) => cause.message).join('; ');
  return new CommandError(causes ? `${message.replace(/\.$/, '')}: ${causes}` : message);
}

// ---------------------------------------------------------------------------
// Embedded store

// ioredis-mock 8 ships no type declarations, so this names the little the bridge uses.
type RedisMockMethod = (...args: unknown[]) => Promise<unknown>;
type RedisMockClient = Record<string, unknown> & { disconnect(): void };
type RedisMockConstructor = new (options: { host: string }) => RedisMockClient;

const RedisMock = require('ioredis-mock') as RedisMockConstructor;

/** Runs tasks one at a time, in the order they were queued. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

interface RedisCommandSpec {
  arity: number;
}

const COMMAND_SPECS: Readonly<Record<string, RedisCommandSpec | undefined>> = redisCommandTable;

/** Upper-cases the options of a command, because ioredis-mock only recognizes upper-case ones. */
interface OptionGrammar {
  /** Index in the command array (name at 0) where options may start. */
  firstOptionIndex: number;
  /** Options without a value. */
  flags?: readonly string[];
  /** Options followed by this many values, which stay as they are (a MATCH pattern may read "count"). */
  withValues?: Readonly<Record<string, number>>;
  /** Options appear only before the first other argument, as in ZADD key [NX] [CH] score member. */
  leadingOnly?: boolean;
}

const EXPIRE_OPTIONS: OptionGrammar = { firstOptionIndex: 3, flags: ['NX', 'XX', 'GT', 'LT'] };
const SCAN_OPTIONS: OptionGrammar = { firstOptionIndex: 3, flags: ['NOVALUES'], withValues: { MATCH: 1, COUNT: 1 } };
const RANGE_BY_SCORE_OPTIONS: OptionGrammar = { firstOptionIndex: 4, flags: ['WITHSCORES'], withValues: { LIMIT: 2 } };
const EXPIRY_VALUES = { EX: 1, PX: 1, EXAT: 1, PXAT: 1 };

const OPTION_GRAMMARS: Readonly<Record<string, OptionGrammar | undefined>> = {
  set: { firstOptionIndex: 3, flags: ['NX', 'XX', 'GET', 'KEEPTTL'], withValues: EXPIRY_VALUES },
  getex: { firstOptionIndex: 2, flags: ['PERSIST'], withValues: EXPIRY_VALUES },
  expire: EXPIRE_OPTIONS,
  pexpire: EXPIRE_OPTIONS,
  expireat: EXPIRE_OPTIONS,
  pexpireat: EXPIRE_OPTIONS,
  zadd: { firstOptionIndex: 2, flags: ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR'], leadingOnly: true },
  zrange: { firstOptionIndex: 4, flags: ['BYSCORE', 'BYLEX', 'REV', 'WITHSCORES'], withValues: { LIMIT: 2 } },
  zrangebyscore: RANGE_BY_SCORE_OPTIONS,
  zrevrangebyscore: RANGE_BY_SCORE_OPTIONS,
  zrangebylex: { firstOptionIndex: 4, withValues: { LIMIT: 2 } },
  zrevrangebylex: { firstOptionIndex: 4, withValues: { LIMIT: 2 } },
  zrevrange: { firstOptionIndex: 4, flags: ['WITHSCORES'] },
  zrandmember: { firstOptionIndex: 3, flags: ['WITHSCORES'] },
  hrandfield: { firstOptionIndex: 3, flags: ['WITHVALUES'] },
  scan: { firstOptionIndex: 2, withValues: { MATCH: 1, COUNT: 1, TYPE: 1 } },
  hscan: SCAN_OPTIONS,
  sscan: SCAN_OPTIONS,
  zscan: SCAN_OPTIONS,
  linsert: { firstOptionIndex: 2, flags: ['BEFORE', 'AFTER'], leadingOnly: true },
  lmove: { firstOptionIndex: 3, flags: ['LEFT', 'RIGHT'] },
  lpos: { firstOptionIndex: 3, withValues: { RANK: 1, COUNT: 1, MAXLEN: 1 } },
  bitcount: { firstOptionIndex: 4, flags: ['BYTE', 'BIT'] },
  bitpos: { firstOptionIndex: 3, flags: ['BYTE', 'BIT'] },
  geoadd: { firstOptionIndex: 2, flags: ['NX', 'XX', 'CH'], leadingOnly: true },
};

// NOTE: commands missing here (SORT, ZUNIONSTORE, XADD, ...) reach ioredis-mock with their options as sent.
function upperCaseOptions(command: string[]): string[] {
  const grammar = OPTION_GRAMMARS[command[0]!.toLowerCase()];
  if (grammar === undefined) {
    return command;
  }

  const result = [...command];
  let index = grammar.firstOptionIndex;

  while (index < result.length) {
    const word = result[index]!.toUpperCase();

    if (grammar.withValues !== undefined && Object.hasOwn(grammar.withValues, word)) {
      result[index] = word;
      index += 1 + grammar.withValues[word]!;
    } else if (grammar.flags?.includes(word)) {
      result[index] = word;
      index += 1;
    } else if (grammar.leadingOnly) {
      break;
    } else {
      index += 1;
    }
  }

  return result;
}

// ioredis-mock accepts these commands on keys of any type and then corrupts or misreads them,
// so the bridge checks the type of the first key itself.
const KEY_TYPE_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  string: [
    'append',
    'decr',
    'decrby',
    'get',
    'getdel',
    'getex',
    'getrange',
    'getset',
    'incr',
    'incrby',
    'incrbyfloat',
    'setrange',
    'strlen',
    'substr',
    'getbit',
    'setbit',
    'bitcount',
    'bitpos',
  ],
  hash: [
    'hdel',
    'hexists',
    'hget',
    'hgetall',
    'hincrby',
    'hincrbyfloat',
    'hkeys',
    'hlen',
    'hmget',
    'hmset',
    'hrandfield',
    'hscan',
    'hset',
    'hsetnx',
    'hstrlen',
    'hvals',
  ],
  list: [
    'lindex',
    'linsert',
    'llen',
    'lmove',
    'lpop',
    'lpos',
    'lpush',
    'lpushx',
    'lrange',
    'lrem',
    'lset',
    'ltrim',
    'rpop',
    'rpoplpush',
    'rpush',
    'rpushx',
  ],
  set: ['sadd', 'scard', 'sismember', 'smembers', 'smismember', 'spop', 'srandmember', 'srem', 'sscan'],
  zset: [
    'zadd',
    'zcard',
    'zcount',
    'zincrby',
    'zlexcount',
    'zmscore',
    'zpopmax',
    'zpopmin',
    'zrandmember',
    'zrange',
    'zrangebylex',
    'zrangebyscore',
    'zrank',
    'zrem',
    'zremrangebylex',
    'zremrangebyrank',
    'zremrangebyscore',
    'zrevrange',
    'zrevrangebylex',
    'zrevrangebyscore',
    'zrevrank',
    'zscan',
    'zscore',
  ],
};

const KEY_TYPE_BY_COMMAND = new Map(
  Object.entries(KEY_TYPE_COMMANDS).flatMap(([type, names]) => names.map((name) => [name, type] as const)),
);

const WRONGTYPE_MESSAGE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_INTEGER_MESSAGE = 'ERR value is not an integer or out of range';
const NOT_FLOAT_MESSAGE = 'ERR value is not a valid float';

function isIntegerText(text: string | undefined): boolean {
  return text !== undefined && /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text));
}

function isFloatText(text: string | undefined, allowInfinity = false): boolean {
  if (text === undefined) {
    return false;
  }

  if (allowInfinity && /^[+-]?inf$/i.test(text)) {
    return true;
  }

  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
}

function requireInteger(text: string | undefined, message = NOT_INTEGER_MESSAGE): void {
  if (!isIntegerText(text)) {
    throw new CommandError(message);
  }
}

function requireFloat(text: string | undefined, message = NOT_FLOAT_MESSAGE, allowInfinity = false): void {
  if (!isFloatText(text, allowInfinity)) {
    throw new CommandError(message);
  }
}

// ioredis-mock 8 has no HyperLogLog commands, so PFADD, PFCOUNT and PFMERGE keep an exact set:
// a marker member plus every element with a prefix, so no element can equal the marker.
// NOTE: counts are exact where redis-server returns an estimate, and TYPE reports "set", not "string".
const HYPERLOGLOG_MARKER = '\u0000hyperloglog';
const HYPERLOGLOG_ELEMENT_PREFIX = 'e:';

function isUnsupportedInMock(error: unknown): boolean {
  return error instanceof TypeError && error.message.startsWith('Unsupported command');
}

/**
 * In-memory store on ioredis-mock, emptied on close. The bridge runs its commands one at a
 * time, which makes transactions and the bridge's own read-then-write checks atomic.
 */
class EmbeddedBackend implements Backend {
  readonly kind = 'embedded';
  readonly description = 'in-memory ioredis-mock store';

  private static nextStoreId = 1;

  // ioredis-mock shares data between instances with the same host and port, so each bridge gets its own host name.
  private readonly store = new RedisMock({ host: `redis-bridge-embedded-${EmbeddedBackend.nextStoreId++}` });
  private readonly queue = new SerialQueue();
  /** Scripts by SHA1, for SCRIPT LOAD, SCRIPT EXISTS and EVALSHA, which ioredis-mock lacks or limits. */
  private readonly scripts = new Map<string, string>();
  private readonly methodsWithoutBufferVariant = new Set<string>();

  run(command: string[]): Promise<Reply> {
    return this.queue.run(() => this.execute(command));
  }

  runTransaction(commands: string[][]): Promise<TransactionEntry[]> {
    return this.queue.run(async () => {
      // Like MULTI, reject the whole transaction before anything runs when a command is malformed.
      for (const command of commands) {
        try {
          this.validate(command);
        } catch (error) {
          throw new CommandError(`EXECABORT Transaction discarded because of previous errors: ${errorMessage(error)}`);
        }
      }

      const entries: TransactionEntry[] = [];
      for (const command of commands) {
        try {
          entries.push({ reply: await this.execute(command) });
        } catch (error) {
          if (!(error instanceof CommandError)) {
            throw error;
          }

          entries.push({ error: error.message });
        }
      }

      return entries;
    });
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      await this.callPlain('flushall', []);
      this.store.disconnect();
    });
  }

  /** Rejects unknown commands and wrong argument counts, which ioredis-mock lets through. */
  private validate(command: string[]): void {
    const name = command[0]!.toLowerCase();
    const spec = COMMAND_SPECS[name];
    const emulated = name === 'script' || name.startsWith('pf') || name === 'eval_ro' || name === 'evalsha_ro';

    // The mock also has methods that are not Redis commands (disconnect, duplicate, ...), so accept
    // only names from the Redis command table and module commands such as json.set.
    const isRedisCommand = spec !== undefined || name.includes('.');
    if (!isRedisCommand || (!emulated && typeof this.store[name] !== 'function')) {
      throw new CommandError(`ERR unknown command '${command[0]}'`);
    }

    if (spec === undefined) {
      return;
    }

    const arityMatches = spec.arity >= 0 ? command.length === spec.arity : command.length >= -spec.arity;
    if (!arityMatches) {
      throw new CommandError(`ERR wrong number of arguments for '${name}' command`);
    }
  }

  private async execute(command: string[]): Promise<Reply> {
    this.validate(command);

    const name = command[0]!.toLowerCase();
    const args = command.slice(1);

    switch (name) {
      case 'script':
        return this.runScriptCommand(args);
      case 'eval':
      case 'eval_ro':
        // NOTE: scripts run in ioredis-mock's Lua VM, which skips the bridge's type and number checks,
        // so INCR of text inside a script is no error here. EVAL_RO also runs as EVAL and may write.
        this.scripts.set(sha1Hex(args[0]!), args[0]!);
        return this.callStore('eval', args, true);
      case 'evalsha':
      case 'evalsha_ro':
        return this.runScriptBySha(args);
      case 'pfadd':
        return this.addToHyperLogLog(args[0]!, args.slice(1));
      case 'pfcount':
        return this.countHyperLogLogs(args);
      case 'pfmerge':
        return this.mergeHyperLogLogs(args[0]!, args.slice(1));
      case 'pfdebug':
      case 'pfselftest':
        throw new CommandError(`ERR command '${name.toUpperCase()}' is not supported by the embedded store`);
    }

    const normalized = upperCaseOptions(command);
    await this.checkKeyType(normalized);
    await this.checkNumbers(normalized);
    return this.callStore(name, normalized.slice(1), false);
  }

  private async runScriptCommand(args: string[]): Promise<Reply> {
    const subcommand = args[0]!.toLowerCase();

    if (subcommand === 'load' && args.length === 2) {
      // NOTE: unlike redis-server, the embedded store compiles the script only when it first runs.
      const sha = sha1Hex(args[1]!);
      this.scripts.set(sha, args[1]!);
      return sha;
    }

    if (subcommand === 'exists' && args.length >= 2) {
      return args.slice(1).map((sha) => (this.scripts.has(sha.toLowerCase()) ? 1 : 0));
    }

    if (subcommand === 'flush' && args.length <= 2) {
      this.scripts.clear();
      return 'OK';
    }

    if (subcommand === 'kill' && args.length === 1) {
      throw new CommandError('NOTBUSY No scripts in execution right now.');
    }

    throw new CommandError(`ERR unknown subcommand or wrong number of arguments for 'SCRIPT ${args[0]}'`);
  }

  private async runScriptBySha(args: string[]): Promise<Reply> {
    const [sha, ...keysAndArgs] = args;
    const source = this.scripts.get(sha!.toLowerCase());
    if (source === undefined) {
      // Same text as redis-server 7; clients look for "NOSCRIPT" to fall back to EVAL.
      throw new CommandError('NOSCRIPT No matching script. Please use EVAL.');
    }

    return this.callStore('eval', [source, ...keysAndArgs], true);
  }

  private async checkKeyType(command: string[]): Promise<void> {
    const expectedType = KEY_TYPE_BY_COMMAND.get(command[0]!.toLowerCase());
    if (expectedType === undefined) {
      return;
    }

    const actualType = await this.callPlain('type', [command[1]]);
    if (actualType !== 'none' && actualType !== expectedType) {
      throw new CommandError(WRONGTYPE_MESSAGE);
    }
  }

  /** Rejects numbers that ioredis-mock would turn into NaN and store. */
  private async checkNumbers(command: string[]): Promise<void> {
    const name = command[0]!.toLowerCase();
    const [, key, first, second] = command;

    switch (name) {
      case 'incr':
      case 'decr':
        return this.requireStoredNumber(key!, isIntegerText, NOT_INTEGER_MESSAGE);
      case 'incrby':
      case 'decrby':
        requireInteger(first);
        return this.requireStoredNumber(key!, isIntegerText, NOT_INTEGER_MESSAGE);
      case 'incrbyfloat':
        requireFloat(first);
        return this.requireStoredNumber(key!, (text) => isFloatText(text), NOT_FLOAT_MESSAGE);
      case 'hincrby':
        requireInteger(second);
        return this.requireStoredNumber(key!, isIntegerText, 'ERR hash value is not an integer', first);
      case 'hincrbyfloat':
        requireFloat(second);
        return this.requireStoredNumber(key!, (text) => isFloatText(text), 'ERR hash value is not a float', first);
      case 'zincrby':
        return requireFloat(first, NOT_FLOAT_MESSAGE, true);
      case 'expire':
      case 'pexpire':
      case 'expireat':
      case 'pexpireat':
        return requireInteger(first);
      case 'setex':
      case 'psetex':
        requireInteger(first);
        return requirePositiveExpiry(first!, name);
      case 'set':
        return checkSetExpiry(command);
    }
  }

  /** Checks the value at `key` (or at `field` of the hash at `key`) before an increment. */
  private async requireStoredNumber(
    key: string,
    isValid: (text: string) => boolean,
    message: string,
    field?: string,
  ): Promise<void> {
    const stored =
      field === undefined ? await this.callPlain('get', [key]) : await this.callPlain('hget', [key, field]);
    if (stored !== null && stored !== undefined && !isValid(String(stored))) {
      throw new CommandError(message);
    }
  }

  private async addToHyperLogLog(key: string, elements: string[]): Promise<Reply> {
    const existed = await this.requireHyperLogLog(key);
    const members = elements.map((element) => HYPERLOGLOG_ELEMENT_PREFIX + element);
    const added = await this.callPlain('sadd', [key, HYPERLOGLOG_MARKER, ...members]);
    return !existed || Number(added) > 0 ? 1 : 0;
  }

  private async countHyperLogLogs(keys: string[]): Promise<Reply> {
    const union = await this.unionHyperLogLogs(keys);
    return union.size;
  }

  private async mergeHyperLogLogs(destination: string, sources: string[]): Promise<Reply> {
    await this.requireHyperLogLog(destination);
    const union = await this.unionHyperLogLogs(sources);
    await this.callPlain('sadd', [destination, HYPERLOGLOG_MARKER, ...union]);
    return 'OK';
  }

  /** Returns the prefixed elements of all given HyperLogLogs, without the marker. */
  private async unionHyperLogLogs(keys: string[]): Promise<Set<string>> {
    const union = new Set<string>();

    for (const key of keys) {
      if (!(await this.requireHyperLogLog(key))) {
        continue;
      }

      const members = (await this.callPlain('smembers', [key])) as string[];
      for (const member of members) {
        if (member !== HYPERLOGLOG_MARKER) {
          union.add(member);
        }
      }
    }

    return union;
  }

  /** Returns whether the key exists, and throws WRONGTYPE when it contains anything but an emulated HyperLogLog. */
  private async requireHyperLogLog(key: string): Promise<boolean> {
    const type = await this.callPlain('type', [key]);
    if (type === 'none') {
      return false;
    }

    if (type === 'set' && Number(await this.callPlain('sismember', [key, HYPERLOGLOG_MARKER])) === 1) {
      return true;
    }

    throw new CommandError('WRONGTYPE Key is not a valid HyperLogLog string value.');
  }

  /**
   * Calls the mock's Buffer variant of a command (getBuffer for get), which keeps replies as
   * bytes, and falls back to the plain one where ioredis-mock has no Buffer variant.
   */
  private async callStore(name: string, args: string[], isScript: boolean): Promise<Reply> {
    const bufferMethod = `${name}Buffer`;
    if (!this.methodsWithoutBufferVariant.has(name) && typeof this.store[bufferMethod] === 'function') {
      try {
        return normalizeMockReply(await this.callMethod(bufferMethod, args), isScript, 0);
      } catch (error) {
        if (!isUnsupportedInMock(error)) {
          throw toMockCommandError(error);
        }

        this.methodsWithoutBufferVariant.add(name);
      }
    }

    try {
      return normalizeMockReply(await this.callMethod(name, args), isScript, 0);
    } catch (error) {
      if (isUnsupportedInMock(error)) {
        throw new CommandError(
          `ERR command '${name.toUpperCase()}' is not supported by the embedded store; start redis-server or set REDIS_URL to use it`,
        );
      }

      throw toMockCommandError(error);
    }
  }

  /** Calls a mock command for the bridge's own checks and returns the mock's JavaScript value as is. */
  private async callPlain(name: string, args: unknown[]): Promise<unknown> {
    try {
      return await this.callMethod(name, args);
    } catch (error) {
      throw toMockCommandError(error);
    }
  }

  private callMethod(name: string, args: unknown[]): Promise<unknown> {
    const method = this.store[name] as RedisMockMethod;
    return Reflect.apply(method, this.store, args);
  }
}

function requirePositiveExpiry(text: string, commandName: string): void {
  if (Number(text) <= 0) {
    throw new CommandError(`ERR invalid expire time in '${commandName}' command`);
  }
}

function checkSetExpiry(command: string[]): void {
  for (let index = 3; index < command.length; index += 1) {
    if (!Object.hasOwn(EXPIRY_VALUES, command[index]!)) {
      continue;
    }

    const value = command[index + 1];
    if (value === undefined) {
      throw new CommandError('ERR syntax error');
    }

    requireInteger(value);
    requirePositiveExpiry(value, 'set');
  }
}

/** Gives mock errors the "CODE message" form of Redis errors ("Key x does not contain a list" → "ERR Key ..."). */
function toMockCommandError(error: unknown): CommandError {
  const message = errorMessage(error);
  return new CommandError(/^[A-Z]+ /.test(message) ? message : `ERR ${message}`);
}

/** Converts ioredis-mock replies to the shapes redis-server sends. */
function normalizeMockReply(value: unknown, isScript: boolean, depth: number): Reply {
  // Lua false and nil both become a nil reply in redis-server, and Lua true becomes 1.
  if (value === undefined || value === null || value === false) {
    return null;
  }

  if (value === true) {
    return 1;
  }

  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      throw new CommandError(NOT_INTEGER_MESSAGE);
    }

    // redis-server truncates Lua numbers to integers.
    return isScript ? Math.trunc(value) : value;
  }

  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    return value;
  }

  if (Array.isArray(value)) {
    return value.map((item: unknown) => normalizeMockReply(item, isScript, depth + 1));
  }

  if (typeof value === 'object') {
    // A top-level object is an HGETALL-style reply, which redis-server sends as [field, value, ...].
    // Nested, it is a hash that MGET met, for which redis-server returns nil.
    if (depth > 0) {
      return null;
    }

    return Object.entries(value).flatMap(([field, item]) => [field, normalizeMockReply(item, isScript, depth + 1)]);
  }

  return String(value);
}

// ---------------------------------------------------------------------------
// Backend selection

type ProbeResult = 'answered' | 'needs-password' | 'no-answer';

/** Sends PING to a redis-server over a raw socket and reports whether it replied within `timeoutMs`. */
function probeRedis(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = '';

    const finish = (result: ProbeResult): void => {
      socket.destroy();
      resolve(result);
    };

    socket.setTimeout(timeoutMs, () => finish('no-answer'));
    socket.on('error', () => finish('no-answer'));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n')) {
        return;
      }

      if (received.startsWith('+PONG')) {
        finish('answered');
      } else {
        finish(received.startsWith('-NOAUTH') ? 'needs-password' : 'no-answer');
      }
    });
  });
}

async function openBackend(options: RedisBridgeOptions, logger: BridgeLogger): Promise<Backend> {
  const choice = options.backend ?? 'auto';

  if (choice === 'embedded') {
    if (options.redisUrl !== undefined) {
      logger.warn("Redis bridge ignores redisUrl because backend is 'embedded'");
    }

    return new EmbeddedBackend();
  }

  const localRedisUrl = `redis://${LOCAL_REDIS_HOST}:${LOCAL_REDIS_PORT}`;
  if (choice === 'redis' || options.redisUrl !== undefined) {
    return RedisServerBackend.connect(options.redisUrl ?? localRedisUrl, logger);
  }

  const probe = await probeRedis(LOCAL_REDIS_HOST, LOCAL_REDIS_PORT, LOCAL_REDIS_PROBE_TIMEOUT_MS);
  if (probe === 'answered') {
    return RedisServerBackend.connect(localRedisUrl, logger);
  }

  if (probe === 'needs-password') {
    logger.warn(
      `Redis bridge found a redis-server on ${LOCAL_REDIS_HOST}:${LOCAL_REDIS_PORT} that needs a password; ` +
        'set redisUrl (REDIS_URL) to redis://:PASSWORD@127.0.0.1:6379 to use it. Using the embedded store instead.',
    );
  }

  return new EmbeddedBackend();
}

// ---------------------------------------------------------------------------
// HTTP server

interface BridgeContext {
  token: string;
  backend: Backend;
  scripts: ScriptRegistry;
  maxBodyBytes: number;
  logger: BridgeLogger;
}

function tokensMatch(expected: string, received: string): boolean {
  // Comparing fixed-length digests keeps the comparison time independent of where the tokens differ.
  const expectedDigest = createHash('sha256').update(expected).digest();
  const receivedDigest = createHash('sha256').update(received).digest();
  return timingSafeEqual(expectedDigest, receivedDigest);
}

function isAuthorized(request: http.IncomingMessage, url: URL, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  const received = bearer ?? url.searchParams.get('_token');
  return received !== null && tokensMatch(token, received);
}

async function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = new HttpError(
    413,
    `ERR request body exceeds the limit of ${maxBytes} bytes; split the pipeline or raise maxBodyBytes`,
  );

  const declaredLength = Number(request.headers['content-length'] ?? 0);
  if (declaredLength > maxBytes) {
    throw tooLarge;
  }

  const chunks: Buffer[] = [];
  let length = 0;

  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > maxBytes) {
      throw tooLarge;
    }

    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new CommandError(`ERR request body is not valid JSON: ${errorMessage(error)}`);
  }
}

function parseCommandList(body: Buffer, endpoint: string): string[][] {
  const value = parseJsonBody(body);
  if (!Array.isArray(value) || value.length === 0) {
    throw new CommandError(
      `ERR ${endpoint} body must be a non-empty JSON array of commands such as [["set", "k", "v"]], got ${describeJson(value)}`,
    );
  }

  return value.map((command: unknown, index) => parseCommand(command, `${endpoint} command ${index}`));
}

/** Splits a path-style command such as /set/key/value. A POST body becomes the last argument. */
function parsePathCommand(pathname: string, method: string, body: Buffer): string[] {
  let command: string[];
  try {
    command = pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    throw new CommandError(`ERR request path ${pathname} has an invalid percent-encoding`);
  }

  if (method === 'POST' && body.length > 0) {
    command.push(body.toString('utf8'));
  }

  return command;
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

async function runCommand(context: BridgeContext, command: string[], signal: AbortSignal): Promise<Reply> {
  const prepared = prepareCommand(command, context.scripts);
  const reply = await context.backend.run(prepared.command, signal);
  return prepared.mapReply ? prepared.mapReply(reply) : reply;
}

/** Runs commands in order. A Redis error fails only its own entry, as in a Redis pipeline. */
async function runPipeline(context: BridgeContext, commands: string[][], signal: AbortSignal, base64: boolean) {
  const entries: ({ result: JsonReply } | { error: string })[] = [];

  for (const command of commands) {
    try {
      entries.push({ result: encodeResult(await runCommand(context, command, signal), base64) });
    } catch (error) {
      if (!(error instanceof CommandError)) {
        throw error;
      }

      entries.push({ error: error.message });
    }
  }

  return entries;
}

async function runTransaction(context: BridgeContext, commands: string[][], base64: boolean) {
  const prepared = commands.map((command) => {
    try {
      return prepareCommand(command, context.scripts);
    } catch (error) {
      throw new CommandError(`EXECABORT Transaction discarded because of previous errors: ${errorMessage(error)}`);
    }
  });

  const entries = await context.backend.runTransaction(prepared.map((item) => item.command));

  return entries.map((entry, index) => {
    if ('error' in entry) {
      return { error: entry.error };
    }

    const mapReply = prepared[index]!.mapReply;
    return { result: encodeResult(mapReply ? mapReply(entry.reply) : entry.reply, base64) };
  });
}

async function handleRequest(
  context: BridgeContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  signal: AbortSignal,
): Promise<void> {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    throw new HttpError(
      405,
      `ERR method ${method} is not allowed; send POST with a JSON command, or GET /COMMAND/arg1/arg2`,
    );
  }

  const url = new URL(request.url ?? '/', 'http://bridge.invalid');
  if (!isAuthorized(request, url, context.token)) {
    throw new HttpError(401, UNAUTHORIZED_MESSAGE);
  }

  const body = method === 'POST' ? await readBody(request, context.maxBodyBytes) : Buffer.alloc(0);
  const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';

  if (method === 'POST' && url.pathname === '/pipeline') {
    sendJson(response, 200, await runPipeline(context, parseCommandList(body, 'pipeline'), signal, base64));
    return;
  }

  if (method === 'POST' && url.pathname === '/multi-exec') {
    sendJson(response, 200, await runTransaction(context, parseCommandList(body, 'multi-exec'), base64));
    return;
  }

  if (url.pathname === '/' && method === 'GET') {
    throw new CommandError(
      'ERR missing command; send POST / with a JSON array such as ["get", "key"], or GET /get/key',
    );
  }

  const command =
    url.pathname === '/' ? parseCommand(parseJsonBody(body), 'command') : parsePathCommand(url.pathname, method, body);
  const reply = await runCommand(context, command, signal);
  sendJson(response, 200, { result: encodeResult(reply, base64) });
}

function sendError(
  context: BridgeContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  signal: AbortSignal,
  error: unknown,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }

  if (error instanceof CommandError) {
    sendJson(response, 400, { error: error.message });
    return;
  }

  if (error instanceof HttpError) {
    // Close the connection after 413 instead of reading the rest of an oversized body.
    const headers: http.OutgoingHttpHeaders = error.status === 413 ? { connection: 'close' } : {};
    if (error.status === 405) {
      headers.allow = 'GET, POST';
    }

    sendJson(response, error.status, { error: error.message }, headers);
    return;
  }

  // An aborted request failed because its client left or close() ended it, which needs no log line.
  if (!signal.aborted) {
    logRequestFailure(context, request, error);
  }

  sendJson(response, 500, { error: `ERR ${context.backend.description} failed: ${errorMessage(error)}` });
}

function logRequestFailure(context: BridgeContext, request: http.IncomingMessage, error: unknown): void {
  // A path-style command carries values and the query may carry _token, so log only the endpoint.
  const pathname = new URL(request.url ?? '/', 'http://bridge.invalid').pathname;
  const endpoint = pathname === '/pipeline' || pathname === '/multi-exec' ? pathname : '/';
  context.logger.error(`Redis bridge failed on ${request.method} ${endpoint}: ${errorMessage(error)}`);
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function validateOptions(options: RedisBridgeOptions): void {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new Error(
      'startRedisBridge: token is empty; pass the bearer token that clients send as UPSTASH_REDIS_REST_TOKEN',
    );
  }

  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`startRedisBridge: port ${port} is invalid; use an integer from 0 (random free port) to 65535`);
  }

  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new Error(`startRedisBridge: maxBodyBytes ${maxBodyBytes} is invalid; use a positive integer`);
  }

  const backend = options.backend ?? 'auto';
  if (!['auto', 'redis', 'embedded'].includes(backend)) {
    throw new Error(`startRedisBridge: backend '${backend}' is invalid; use 'auto', 'redis' or 'embedded'`);
  }
}

/** Starts the bridge and resolves once it accepts requests. */
export async function startRedisBridge(options: RedisBridgeOptions): Promise<RedisBridge> {
  validateOptions(options);

  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  const logger = options.logger ?? console;
  const backend = await openBackend(options, logger);

  const context: BridgeContext = {
    token: options.token,
    backend,
    scripts: new ScriptRegistry(backend.kind === 'redis'),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    logger,
  };

  // Each running request, so close() can abort blocking commands and wait for the rest.
  const running = new Map<Promise<void>, AbortController>();

  const server = http.createServer((request, response) => {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) {
        controller.abort();
      }
    });

    const task = handleRequest(context, request, response, controller.signal)
      .catch((error: unknown) => sendError(context, request, response, controller.signal, error))
      .finally(() => running.delete(task));
    running.set(task, controller);
  });

  try {
    await listen(server, port, host);
  } catch (error) {
    await backend.close();
    throw new Error(
      `Redis bridge cannot listen on ${host}:${port}: ${errorMessage(error)}; choose another port (REDIS_BRIDGE_PORT), or 0 for a random one`,
    );
  }

  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  logger.info(`Redis bridge started on ${url} with backend ${backend.kind} (${backend.description})`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();

      for (const controller of running.values()) {
        controller.abort();
      }

      await Promise.allSettled(running.keys());
      server.closeAllConnections();
      await serverClosed;
      await backend.close();
      logger.info(`Redis bridge on ${url} stopped`);
    })();
    return closing;
  };

  return { url, token: options.token, backend: backend.kind, close };
}
