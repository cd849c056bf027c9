/**
 * `npm run bench`: throughput and latency of the warm public shop page,
 * GET /api/v1/shops/by-code/JY01, against a bare node:http server that returns
 * the same bytes, measured in the same run. It also counts the SQL queries
 * the API sends while it is measured.
 *
 *   npm run bench -- [--duration 10] [--warmup 2] [--connections 50] [--rounds 2]
 *
 * Two processes: this one generates load with autocannon, and a child process
 * runs the local stack, the API dev server and the bare server, so the client
 * and the servers do not share an event loop. The child's stdout, where the
 * service's pino logger writes its info lines, goes to /dev/null.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const SHOP_PATH = '/api/v1/shops/by-code/JY01';

/** The API's warm requests per second must be at least this share of the bare server's. */
const TARGET_THROUGHPUT_RATIO = 0.4;

// ---------------------------------------------------------------------------
// Messages between the client process and the server process
// ---------------------------------------------------------------------------

interface ReadyMessage {
  type: 'ready';
  apiUrl: string;
  bareUrl: string;
  body: string;
  headers: Record<string, string>;
  coldQueries: number;
  settings: Record<string, string>;
}

interface CountMessage {
  type: 'count';
  queries: number;
  cpuMs: number;
}

type ServerMessage = ReadyMessage | CountMessage | { type: 'failed'; message: string };
type ClientMessage = { type: 'count' } | { type: 'stop' };

// ---------------------------------------------------------------------------
// Server process: the local stack, the API and the bare server
// ---------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Counts the queries drizzle sends. Every driver in db/client.ts gives drizzle
 * a client whose `query` method runs each statement outside a transaction, so
 * wrapping that method counts them. Statements inside a transaction run on
 * another client object and are not counted, but the shop page uses none.
 */
function countQueries(client: { query: (...args: unknown[]) => unknown }): { read(): number } {
  let count = 0;
  const original = client.query.bind(client);
  client.query = (...args: unknown[]) => {
    count += 1;
    return original(...args);
  };
  return { read: () => count };
}

async function runServers(): Promise<void> {
  const send = (message: ServerMessage) => process.send?.(message);

  // Settings that are not given are chosen so that a bench run touches no
  // shared state: a fresh in-memory database, its own files and Redis keys.
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'szxc-bench-files-'));
  // Stops and startup failures both end in process.exit, which runs this.
  // A killed process leaves the folder behind.
  process.on('exit', () => rmSync(filesDir, { recursive: true, force: true }));
  if (!process.env.DATABASE_URL) process.env.PGLITE_DATA_DIR ||= 'memory://';
  process.env.LOCAL_STORAGE_DIR ||= filesDir;
  process.env.REDIS_KEY_PREFIX ||= `bench:${process.pid}:`;
  // Production logs at info. The parent points this process's stdout at /dev/null.
  process.env.LOG_LEVEL ||= 'info';
  // The page cache must outlive the run (3600 s is the maximum), or each expiry
  // adds a cold request. SHOP_CACHE_SECONDS=30 shows what production's default does.
  process.env.SHOP_CACHE_SECONDS ||= '3600';

  const port = await freePort();
  const apiBase = `http://127.0.0.1:${port}`;
  const { startServices, prepareDatabase } = await import('../dev/stack');
  const services = await startServices({ publicBaseUrl: apiBase });
  await prepareDatabase({ demo: true });

  const { startDevServer } = await import('../dev/server');
  const { getDb, closeDb } = await import('../../functions/_lib/db/client');
  const { config } = await import('../../functions/_lib/config');
  const api = await startDevServer({ port, filesDir: process.env.LOCAL_STORAGE_DIR });
  // drizzle keeps the driver's client on `$client`, which the Database type leaves out.
  const db = (await getDb()) as unknown as { $client: { query: (...args: unknown[]) => unknown } };
  const counter = countQueries(db.$client);

  // The first request reads the database and fills the cache. Its query count
  // shows that the counter counts the queries of this route.
  const before = counter.read();
  const response = await fetch(`${api.url}${SHOP_PATH}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${SHOP_PATH} returned ${response.status}: ${body.toString()}`);
  const coldQueries = counter.read() - before;
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';

  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  });
  bare.keepAliveTimeout = api.server.keepAliveTimeout;
  const bareUrl = await listen(bare);

  const database = config().database;
  send({
    type: 'ready',
    apiUrl: `${api.url}${SHOP_PATH}`,
    bareUrl: `${bareUrl}${SHOP_PATH}`,
    body: body.toString('utf8'),
    headers: Object.fromEntries(response.headers.entries()),
    coldQueries,
    settings: {
      NODE_ENV: config().env,
      LOG_LEVEL: config().logLevel,
      'logger destination': 'stdout of the server process, redirected to /dev/null',
      database: database.driver === 'pglite' ? `pglite ${database.dataDir ?? '.data/pglite'}` : database.driver,
      SHOP_CACHE_SECONDS: String(config().shopCacheSeconds),
      'Redis bridge': services.redis.backend,
    },
  });

  let cpuMark = process.cpuUsage();
  process.on('message', (message: ClientMessage) => {
    if (message.type === 'count') {
      const cpu = process.cpuUsage(cpuMark);
      cpuMark = process.cpuUsage();
      send({ type: 'count', queries: counter.read(), cpuMs: (cpu.user + cpu.system) / 1000 });
      return;
    }

    void (async () => {
      bare.closeAllConnections();
      bare.close();
      await api.close();
      await closeDb();
      await services.close();
      process.exit(0);
    })();
  });

  // Only the parent sends `stop`, so this process exits when the parent's IPC channel closes.
  process.on('disconnect', () => process.exit(0));
}

// ---------------------------------------------------------------------------
// Client process: options, load, figures
// ---------------------------------------------------------------------------

interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
}

const USAGE = `Usage: npm run bench -- [--duration S] [--warmup S] [--connections N] [--rounds N]

  --duration S      seconds of each measured round, 10 by default (1 to 60)
  --warmup S        seconds of unmeasured load on each server first, 2 by default (0 to 30)
  --connections N   concurrent keep-alive connections, 50 by default (1 to 500)
  --rounds N        measured rounds per server, alternating API and bare, 2 by default (1 to 5)`;

function integerOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} "${raw}" is invalid: use a whole number from ${min} to ${max}\n\n${USAGE}`);
  }
  return value;
}

function parseOptions(argv: string[]): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        rounds: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return 'help';

  return {
    durationSeconds: integerOption('duration', values.duration, 10, 1, 60),
    warmupSeconds: integerOption('warmup', values.warmup, 2, 0, 30),
    connections: integerOption('connections', values.connections, 50, 1, 500),
    rounds: integerOption('rounds', values.rounds, 2, 1, 5),
  };
}

/** Starts the server process; resolves once its servers listen and the cold response is captured. */
function startServerProcess(): Promise<{
  child: ChildProcess;
  ready: ReadyMessage;
  request: () => Promise<CountMessage>;
}> {
  const devNull = openSync('/dev/null', 'w');
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', devNull, 'inherit', 'ipc'] });
  closeSync(devNull);

  const pending: { resolve: (message: CountMessage) => void; reject: (error: Error) => void }[] = [];
  const request = () =>
    new Promise<CountMessage>((resolve, reject) => {
      if (!child.connected) {
        reject(new Error(`The server process (pid ${child.pid}) has exited`));
        return;
      }
      pending.push({ resolve, reject });
      child.send({ type: 'count' } satisfies ClientMessage);
    });

  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const error = new Error(`The server process (pid ${child.pid}) exited with code ${code ?? signal}`);
      reject(error);
      for (const waiting of pending.splice(0)) waiting.reject(error);
    });
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'ready') resolve({ child, ready: message, request });
      else if (message.type === 'count') pending.shift()?.resolve(message);
      else reject(new Error(`The server process failed: ${message.message}`));
    });
  });
}

interface RoundResult {
  target: 'api' | 'bare';
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  queries: number;
  serverCpuPercent: number;
  clientCpuPercent: number;
}

interface LoadResult {
  result: autocannon.Result;
  /** Latencies of 2xx responses in milliseconds, sorted. */
  latencies: Float64Array;
}

/** Growable store of latencies, because a round can see a million responses. */
class LatencyRecorder {
  private values = new Float64Array(1 << 16);
  private count = 0;

  add(milliseconds: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count] = milliseconds;
    this.count += 1;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.count).sort();
  }
}

/** Returns the value at quantile `q` (0 to 1) of sorted values, by the nearest-rank method. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * Runs autocannon against `url` for `seconds`. Its own latency histogram
 * counts whole milliseconds, too coarse for sub-millisecond responses, so the
 * latencies come from its per-response events, which carry hrtime durations.
 */
function load(url: string, seconds: number, connections: number, expectBody: string): Promise<LoadResult> {
  const recorder = new LatencyRecorder();
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, pipelining: 1, expectBody }, (error, result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ result, latencies: recorder.sorted() });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) recorder.add(responseTime);
    });
  });
}

function formatRow(label: string, requestsPerSecond: number, p50: number, p99: number, extra: string): string {
  return `${label.padEnd(14)}${requestsPerSecond.toFixed(0).padStart(9)} req/s   p50 ${p50.toFixed(3).padStart(7)} ms   p99 ${p99.toFixed(3).padStart(7)} ms   ${extra}`;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function runClient(options: BenchOptions): Promise<number> {
  const { child, ready, request } = await startServerProcess();

  try {
    console.log('Settings');
    const cpus = os.cpus();
    const settings: Record<string, string> = {
      node: process.version,
      // Other processes on the machine take CPU from both sides and make the figures noisy.
      'load average 1 min': os.loadavg()[0]?.toFixed(2) ?? 'unknown',
      cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
      'load generator': `autocannon, in this process (pid ${process.pid}); servers in pid ${child.pid}`,
      connections: String(options.connections),
      'rounds per server': `${options.rounds} of ${options.durationSeconds} s, alternating api, bare, after ${options.warmupSeconds} s warm-up each`,
      ...ready.settings,
      'response bytes': String(Buffer.byteLength(ready.body)),
      'API headers': Object.entries(ready.headers)
        .filter(([name]) => !['date', 'x-request-id'].includes(name))
        .map(([name, value]) => `${name}: ${value}`)
        .join('; '),
    };
    for (const [name, value] of Object.entries(settings)) console.log(`  ${name.padEnd(20)}${value}`);
    console.log(`  cold request        ${ready.coldQueries} SQL queries (the counter works when this is above 0)\n`);

    if (options.warmupSeconds > 0) {
      await load(ready.apiUrl, options.warmupSeconds, options.connections, ready.body);
      await load(ready.bareUrl, options.warmupSeconds, options.connections, ready.body);
    }

    const rounds: RoundResult[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of ['api', 'bare'] as const) {
        const start = await request();
        const clientCpuMark = process.cpuUsage();
        const { result, latencies } = await load(
          target === 'api' ? ready.apiUrl : ready.bareUrl,
          options.durationSeconds,
          options.connections,
          ready.body,
        );
        const clientCpu = process.cpuUsage(clientCpuMark);
        const end = await request();

        const row: RoundResult = {
          target,
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
          queries: end.queries - start.queries,
          serverCpuPercent: (end.cpuMs / (result.duration * 1000)) * 100,
          clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / (result.duration * 1000)) * 100,
        };
        rounds.push(row);
        console.log(
          formatRow(
            `${target} round ${round + 1}`,
            row.requestsPerSecond,
            row.p50,
            row.p99,
            `CPU server ${row.serverCpuPercent.toFixed(0)}% client ${row.clientCpuPercent.toFixed(0)}%   SQL ${row.queries}   failed ${row.failures}`,
          ),
        );
      }
    }

    const summary = (target: 'api' | 'bare') => {
      const of = rounds.filter((row) => row.target === target);
      return {
        requestsPerSecond: mean(of.map((row) => row.requestsPerSecond)),
        p50: mean(of.map((row) => row.p50)),
        p99: mean(of.map((row) => row.p99)),
        failures: of.reduce((sum, row) => sum + row.failures, 0),
        queries: of.reduce((sum, row) => sum + row.queries, 0),
      };
    };
    const api = summary('api');
    const bare = summary('bare');
    const throughputRatio = api.requestsPerSecond / bare.requestsPerSecond;
    const p99Ratio = api.p99 / bare.p99;

    console.log(`\nMean of ${options.rounds} rounds`);
    console.log(formatRow('api', api.requestsPerSecond, api.p50, api.p99, ''));
    console.log(formatRow('bare', bare.requestsPerSecond, bare.p50, bare.p99, ''));
    console.log(`ratio api/bare  req/s ${throughputRatio.toFixed(2)}   p99 ${p99Ratio.toFixed(2)}`);

    const throughputPass = throughputRatio >= TARGET_THROUGHPUT_RATIO;
    const queriesPass = api.queries === 0;
    const failuresPass = api.failures + bare.failures === 0;
    console.log(
      `${throughputPass ? 'PASS' : 'FAIL'}  req/s ratio ${throughputRatio.toFixed(2)} (target >= ${TARGET_THROUGHPUT_RATIO})`,
    );
    console.log(`${queriesPass ? 'PASS' : 'FAIL'}  SQL queries during measured API rounds: ${api.queries} (target 0)`);
    console.log(
      `${failuresPass ? 'PASS' : 'FAIL'}  failed responses (errors, timeouts, non-2xx, other body): ${api.failures + bare.failures} (target 0)`,
    );
    return throughputPass && queriesPass && failuresPass ? 0 : 1;
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.connected) child.send({ type: 'stop' } satisfies ClientMessage);
      else child.kill('SIGTERM');
      await exited;
    }
  }
}

if (require.main === module) {
  if (process.argv.includes('--serve')) {
    runServers().catch((error: unknown) => {
      console.error('bench server process failed:', error);
      process.send?.({ type: 'failed', message: String(error) } satisfies ServerMessage);
      process.exit(1);
    });
  } else {
    let options: BenchOptions | 'help';
    try {
      options = parseOptions(process.argv.slice(2));
    } catch (error) {
      console.error((error as Error).message);
      process.exit(2);
    }
    if (options === 'help') {
      console.log(USAGE);
    } else {
      runClient(options).then(
        (code) => {
          process.exitCode = code;
        },
        (error: unknown) => {
          console.error('bench failed:', error);
          process.exitCode = 1;
        },
      );
    }
  }
}
