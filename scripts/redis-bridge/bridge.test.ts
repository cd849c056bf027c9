import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { startRedisBridge, type BridgeLogger, type RedisBridge } from './bridge';

const TOKEN = 'bridge-test-token';

// The first line of every @upstash/ratelimit 2.2 script, which redis-server 7.0 rejects as is.
const UPSTASH_SHEBANG = '#!lua flags=allow-key-locking';

/**
 * Returns whether a redis-server on 127.0.0.1:6379 replies to PING. It runs synchronously in a
 * child process because Jest needs to know which suites to define before any test runs.
 */
function isLocalRedisRunning(): boolean {
  const probe = `
    const socket = require('node:net').connect(6379, '127.0.0.1');
    socket.setTimeout(1000, () => process.exit(1));
    socket.on('error', () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));
  `;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function createCapturingLogger(): BridgeLogger & { lines: string[] } {
  const lines: string[] = [];
  const capture = (line: string): void => {
    lines.push(line);
  };
  return { lines, info: capture, warn: capture, error: capture };
}

const redisOptional = process.env.REDIS_TESTS_OPTIONAL === '1';
const localRedisRunning = isLocalRedisRunning();

const backends = [
  { kind: 'embedded' as const, skip: false },
  // Without a server these tests fail in beforeAll, unless REDIS_TESTS_OPTIONAL=1 marks them skipped.
  { kind: 'redis' as const, skip: !localRedisRunning && redisOptional },
];

describe.each(backends)('redis bridge, $kind backend', ({ kind, skip }) => {
  const describeOrSkip = skip ? describe.skip : describe;

  describeOrSkip('with @upstash/redis', () => {
    const logger = createCapturingLogger();
    // One root per run keeps parallel runs on a shared redis-server apart, and afterAll deletes it.
    const keyRoot = `bridge-test:${randomUUID()}`;
    let testNumber = 0;
    let prefix = '';
    let bridge: RedisBridge;
    let redis: Redis;

    const key = (name: string): string => `${prefix}${name}`;

    async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return fetch(`${bridge.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    }

    beforeAll(async () => {
      try {
        bridge = await startRedisBridge({ token: TOKEN, backend: kind, logger });
      } catch (error) {
        const hint =
          kind === 'redis' ? ' Start redis-server on 127.0.0.1:6379, or set REDIS_TESTS_OPTIONAL=1 to skip.' : '';
        throw new Error(`${(error as Error).message}${hint}`);
      }

      redis = new Redis({ url: bridge.url, token: TOKEN, retry: false });
    });

    beforeEach(() => {
      testNumber += 1;
      prefix = `${keyRoot}:${testNumber}:`;
    });

    afterAll(async () => {
      if (bridge === undefined) {
        return;
      }

      let cursor: string | number = 0;
      do {
        const [nextCursor, keys]: [string | number, string[]] = await redis.scan(cursor, {
          match: `${keyRoot}:*`,
          count: 1000,
        });
        if (keys.length > 0) {
          await redis.del(...keys);
        }

        cursor = nextCursor;
      } while (String(cursor) !== '0');

      await bridge.close();
    });

    test('start logs backend and url, not token', () => {
      const startLines = logger.lines.filter((line) => line.includes('started'));

      expect(startLines).toHaveLength(1);
      expect(startLines[0]).toContain(bridge.url);
      expect(startLines[0]).toContain(`backend ${kind}`);
      expect(logger.lines.join('\n')).not.toContain(TOKEN);
      expect(bridge.backend).toBe(kind);
    });

    test('set and get Chinese text', async () => {
      const text = '数字乡村 · 鄂托克前旗 🐑';

      await expect(redis.set(key('text'), text)).resolves.toBe('OK');
      await expect(redis.get(key('text'))).resolves.toBe(text);
    });

    test('set and get JSON object', async () => {
      const value = { name: '张三', tags: ['合作社', 'co-op'], count: 3, nested: { ok: true } };

      await redis.set(key('json'), value);

      await expect(redis.get(key('json'))).resolves.toEqual(value);
    });

    test('get of missing key is null', async () => {
      await expect(redis.get(key('missing'))).resolves.toBeNull();
    });

    test('set nx keeps first value', async () => {
      await expect(redis.set(key('nx'), 'first', { nx: true })).resolves.toBe('OK');
      await expect(redis.set(key('nx'), 'second', { nx: true })).resolves.toBeNull();
      await expect(redis.get(key('nx'))).resolves.toBe('first');
    });

    test('set px expires value', async () => {
      await redis.set(key('px'), 'short-lived', { px: 200 });

      const pttl = await redis.pttl(key('px'));
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(200);

      await new Promise((resolve) => setTimeout(resolve, 350));
      await expect(redis.get(key('px'))).resolves.toBeNull();
    });

    test('set ex sets ttl in seconds', async () => {
      await redis.set(key('ex'), 'value', { ex: 60 });

      const ttl = await redis.ttl(key('ex'));
      expect(ttl).toBeGreaterThan(50);
      expect(ttl).toBeLessThanOrEqual(60);
    });

    test('set nx with px sets both', async () => {
      await expect(redis.set(key('nxpx'), 'v', { nx: true, px: 5000 })).resolves.toBe('OK');

      const pttl = await redis.pttl(key('nxpx'));
      expect(pttl).toBeGreaterThan(4000);
      expect(pttl).toBeLessThanOrEqual(5000);
    });

    test('incr counts from zero', async () => {
      await expect(redis.incr(key('counter'))).resolves.toBe(1);
      await expect(redis.incr(key('counter'))).resolves.toBe(2);
      await expect(redis.incrby(key('counter'), 40)).resolves.toBe(42);
      await expect(redis.get(key('counter'))).resolves.toBe(42);
    });

    test('expire and ttl', async () => {
      await redis.set(key('expiring'), 'v');

      await expect(redis.ttl(key('expiring'))).resolves.toBe(-1);
      await expect(redis.expire(key('expiring'), 100)).resolves.toBe(1);

      const ttl = await redis.ttl(key('expiring'));
      expect(ttl).toBeGreaterThan(90);
      expect(ttl).toBeLessThanOrEqual(100);

      await expect(redis.ttl(key('absent'))).resolves.toBe(-2);
      await expect(redis.expire(key('absent'), 100)).resolves.toBe(0);
    });

    test('del counts removed keys', async () => {
      await redis.set(key('a'), '1');
      await redis.set(key('b'), '2');

      await expect(redis.del(key('a'), key('b'), key('never-set'))).resolves.toBe(2);
      await expect(redis.get(key('a'))).resolves.toBeNull();
    });

    test('hset and hgetall', async () => {
      await expect(redis.hset(key('hash'), { name: '李四', age: 42, profile: { village: '城川镇' } })).resolves.toBe(3);

      await expect(redis.hgetall(key('hash'))).resolves.toEqual({
        name: '李四',
        age: 42,
        profile: { village: '城川镇' },
      });
      await expect(redis.hgetall(key('no-hash'))).resolves.toBeNull();
    });

    test('pfadd and pfcount', async () => {
      await expect(redis.pfadd(key('visitors'), 'u1', 'u2', 'u3', 'u1')).resolves.toBe(1);
      await expect(redis.pfadd(key('visitors'), 'u2')).resolves.toBe(0);
      await expect(redis.pfcount(key('visitors'))).resolves.toBe(3);

      await redis.pfadd(key('visitors-2'), 'u3', 'u4');
      await expect(redis.pfcount(key('visitors'), key('visitors-2'))).resolves.toBe(4);
    });

    test('zadd with lower-case nx option', async () => {
      await expect(redis.zadd(key('scores'), { score: 1, member: 'a' })).resolves.toBe(1);
      await expect(redis.zadd(key('scores'), { nx: true }, { score: 5, member: 'a' })).resolves.toBe(0);
      await expect(redis.zscore(key('scores'), 'a')).resolves.toBe(1);
    });

    test('pipeline returns results in order', async () => {
      const results = await redis.pipeline().set(key('p'), 'v').incr(key('p-count')).get(key('p')).exec();

      expect(results).toEqual(['OK', 1, 'v']);
    });

    test('pipeline keeps per-command errors', async () => {
      await redis.set(key('text'), 'not a number');

      const results = await redis.pipeline().incr(key('text')).set(key('after'), 'ran').exec({ keepErrors: true });

      expect(results[0].error).toMatch(/ERR value is not an integer/);
      expect(results[1].result).toBe('OK');
      await expect(redis.get(key('after'))).resolves.toBe('ran');
    });

    test('multi exec runs transaction', async () => {
      const results = await redis.multi().set(key('m'), 1).incr(key('m')).get(key('m')).exec();

      expect(results).toEqual(['OK', 2, 2]);
    });

    test('multi exec reports runtime error per command', async () => {
      const results = await redis
        .multi()
        .set(key('m-text'), 'text')
        .incr(key('m-text'))
        .get(key('m-text'))
        .exec({ keepErrors: true });

      expect(results[0].result).toBe('OK');
      expect(results[1].error).toMatch(/ERR value is not an integer/);
      expect(results[2].result).toBe('text');
    });

    test('multi exec aborts on malformed command', async () => {
      const response = await post('/multi-exec', [['set', key('aborted'), '1'], ['get']]);

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/^EXECABORT .*wrong number of arguments for 'get' command/);
      await expect(redis.get(key('aborted'))).resolves.toBeNull();
    });

    test('wrong token rejected by client', async () => {
      const intruder = new Redis({ url: bridge.url, token: 'not-the-token', retry: false });

      await expect(intruder.get(key('any'))).rejects.toThrow(/WRONGPASS invalid or missing auth token/);
    });

    test('missing token gets 401', async () => {
      const response = await fetch(bridge.url, { method: 'POST', body: JSON.stringify(['ping']) });

      expect(response.status).toBe(401);
      await expect(response.json()).resolves.toEqual({ error: 'WRONGPASS invalid or missing auth token' });
    });

    test('incr on text surfaces error', async () => {
      await redis.set(key('word'), 'hello');

      await expect(redis.incr(key('word'))).rejects.toThrow(/ERR value is not an integer or out of range/);
      await expect(redis.get(key('word'))).resolves.toBe('hello');
    });

    test('hgetall on string surfaces WRONGTYPE', async () => {
      await redis.set(key('plain'), 'v');

      await expect(redis.hgetall(key('plain'))).rejects.toThrow(/^WRONGTYPE/);
    });

    test('error reply gets status 400', async () => {
      const response = await post('/', ['get']);

      expect(response.status).toBe(400);
      await expect(response.json()).resolves.toEqual({ error: "ERR wrong number of arguments for 'get' command" });
    });

    test('base64 encoding of nested results', async () => {
      const headers = { 'upstash-encoding': 'base64' };

      const setResponse = await post('/', ['set', key('b64'), '你好'], headers);
      await expect(setResponse.json()).resolves.toEqual({ result: 'OK' });

      const getResponse = await post('/', ['get', key('b64')], headers);
      await expect(getResponse.json()).resolves.toEqual({ result: Buffer.from('你好').toString('base64') });

      const mgetResponse = await post('/', ['mget', key('b64'), key('none')], headers);
      await expect(mgetResponse.json()).resolves.toEqual({ result: [Buffer.from('你好').toString('base64'), null] });

      const pipelineResponse = await post(
        '/pipeline',
        [
          ['get', key('b64')],
          ['incr', key('b64')],
        ],
        headers,
      );
      await expect(pipelineResponse.json()).resolves.toEqual([
        { result: Buffer.from('你好').toString('base64') },
        { error: 'ERR value is not an integer or out of range' },
      ]);
    });

    test('plain encoding without header', async () => {
      await post('/', ['set', key('plain-text'), '你好']);

      const response = await post('/', ['get', key('plain-text')]);

      await expect(response.json()).resolves.toEqual({ result: '你好' });
    });

    test('path-style command with query token', async () => {
      const setResponse = await fetch(`${bridge.url}/set/${encodeURIComponent(key('path'))}/v%2F1?_token=${TOKEN}`);
      await expect(setResponse.json()).resolves.toEqual({ result: 'OK' });

      const postResponse = await fetch(`${bridge.url}/set/${encodeURIComponent(key('path-body'))}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: '{"from":"body"}',
      });
      await expect(postResponse.json()).resolves.toEqual({ result: 'OK' });

      await expect(redis.get(key('path'))).resolves.toBe('v/1');
      await expect(redis.get(key('path-body'))).resolves.toEqual({ from: 'body' });
    });

    test('oversized body gets 413', async () => {
      const response = await post('/', ['set', key('huge'), 'x'.repeat(2 * 1024 * 1024)]);

      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch(/exceeds the limit of 1048576 bytes/);
      await expect(redis.get(key('huge'))).resolves.toBeNull();
    });

    test('invalid JSON gets 400', async () => {
      const response = await post('/', '["set", "k"');

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/^ERR request body is not valid JSON/);
    });

    test('object argument gets 400', async () => {
      const response = await post('/', ['set', key('object'), { not: 'serialized' }]);

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/argument 2 must be a string, number or boolean/);
    });

    test('empty pipeline gets 400', async () => {
      const response = await post('/pipeline', []);

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/non-empty JSON array of commands/);
    });

    test('MULTI outside multi-exec rejected', async () => {
      const response = await post('/', ['multi']);

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/POST \/multi-exec/);
    });

    test('unknown command rejected', async () => {
      const response = await post('/', ['no-such-command', 'x']);

      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/^ERR unknown command/);
    });

    test('PUT gets 405', async () => {
      const response = await fetch(bridge.url, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` } });

      expect(response.status).toBe(405);
    });

    test('eval strips Upstash shebang', async () => {
      const script = `${UPSTASH_SHEBANG}\nreturn redis.call("INCRBY", KEYS[1], ARGV[1])`;

      await expect(redis.eval(script, [key('lua-counter')], [5])).resolves.toBe(5);
      await expect(redis.evalsha(sha1Hex(script), [key('lua-counter')], [2])).resolves.toBe(7);
    });

    test('evalsha of unknown sha returns NOSCRIPT', async () => {
      const response = await post('/', ['evalsha', sha1Hex(`never loaded ${randomUUID()}`), '0']);

      expect(response.status).toBe(400);
      await expect(response.json()).resolves.toEqual({ error: 'NOSCRIPT No matching script. Please use EVAL.' });
    });

    test('script load, exists and flush', async () => {
      const script = `${UPSTASH_SHEBANG}\nreturn ARGV[1] .. "-" .. KEYS[1]`;
      const unknownSha = sha1Hex(`unknown ${randomUUID()}`);

      await expect(redis.scriptLoad(script)).resolves.toBe(sha1Hex(script));
      await expect(redis.scriptExists(sha1Hex(script), unknownSha)).resolves.toEqual([1, 0]);
      await expect(redis.evalsha(sha1Hex(script), ['k'], ['v'])).resolves.toBe('v-k');

      await expect(redis.scriptFlush()).resolves.toBe('OK');
      await expect(redis.scriptExists(sha1Hex(script))).resolves.toEqual([0]);
    });

    test('lua syntax error surfaces', async () => {
      await expect(redis.eval('return (', [], [])).rejects.toThrow(/ERR .*(unexpected symbol|Error compiling script)/i);
    });

    if (kind === 'redis') {
      // ioredis-mock decodes Lua strings as UTF-8 (bytes 255 and 254 come back as U+FFFD), so only redis-server keeps raw bytes.
      test('binary script reply stays byte-exact', async () => {
        const response = await post('/', ['eval', 'return string.char(255, 0, 254)', '0'], {
          'upstash-encoding': 'base64',
        });

        const { result } = (await response.json()) as { result: string };
        expect([...Buffer.from(result, 'base64')]).toEqual([255, 0, 254]);
      });
    }

    test.each([
      { name: 'sliding window', limiter: Ratelimit.slidingWindow(3, '10 s') },
      { name: 'fixed window', limiter: Ratelimit.fixedWindow(3, '10 s') },
    ])('ratelimit $name allows three', async ({ limiter }) => {
      // timeout 0 and no ephemeral cache, so every decision comes from the bridge and none from a client-side shortcut.
      const ratelimit = new Ratelimit({ redis, limiter, prefix: key('ratelimit'), timeout: 0, ephemeralCache: false });

      const decisions = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        decisions.push(await ratelimit.limit('farmer-1'));
      }

      expect(decisions.map((decision) => decision.success)).toEqual([true, true, true, false]);
      expect(decisions.map((decision) => decision.remaining)).toEqual([2, 1, 0, 0]);
      expect(decisions[0]!.limit).toBe(3);

      const other = await ratelimit.limit('farmer-2');
      expect(other.success).toBe(true);
      expect(other.remaining).toBe(2);
    });

    test('ratelimit concurrent calls allow three', async () => {
      const ratelimit = new Ratelimit({
        redis,
        limiter: Ratelimit.fixedWindow(3, '10 s'),
        prefix: key('ratelimit-concurrent'),
        timeout: 0,
        ephemeralCache: false,
      });

      const decisions = await Promise.all(Array.from({ length: 10 }, () => ratelimit.limit('farmer-1')));

      expect(decisions.filter((decision) => decision.success)).toHaveLength(3);
    });
  });
});

describe('startRedisBridge options', () => {
  test('empty token rejected', async () => {
    await expect(startRedisBridge({ token: '' })).rejects.toThrow(/token is empty/);
  });

  test('invalid port rejected', async () => {
    await expect(startRedisBridge({ token: TOKEN, port: 70000 })).rejects.toThrow(/port 70000 is invalid/);
  });

  test('unreachable redisUrl fails start', async () => {
    // Port 1 on loopback has no listener, so the connection is refused at once.
    await expect(startRedisBridge({ token: TOKEN, redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /cannot connect to redis-server redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });

  test('close twice is safe', async () => {
    const bridge = await startRedisBridge({ token: TOKEN, backend: 'embedded', logger: createCapturingLogger() });

    await bridge.close();
    await expect(bridge.close()).resolves.toBeUndefined();
  });

  test('embedded stores are separate', async () => {
    const logger = createCapturingLogger();
    const first = await startRedisBridge({ token: TOKEN, backend: 'embedded', logger });
    const second = await startRedisBridge({ token: TOKEN, backend: 'embedded', logger });

    try {
      await new Redis({ url: first.url, token: TOKEN }).set('shared-key', 'first');

      await expect(new Redis({ url: second.url, token: TOKEN }).get('shared-key')).resolves.toBeNull();
    } finally {
      await first.close();
      await second.close();
    }
  });

  test('auto picks a backend and reports it', async () => {
    const logger = createCapturingLogger();
    const bridge = await startRedisBridge({ token: TOKEN, logger });

    try {
      expect(bridge.backend).toBe(localRedisRunning ? 'redis' : 'embedded');
    } finally {
      await bridge.close();
    }
  });
});
