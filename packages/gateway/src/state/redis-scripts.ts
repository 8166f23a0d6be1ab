import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script run by SHA (EVALSHA) with a fallback to EVAL when Redis has not seen it yet. */
export interface RedisScript {
  readonly run: (client: Redis, keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) => Promise<unknown>;
}

const script = (lua: string): RedisScript => {
  const sha = createHash("sha1").update(lua).digest("hex");
  return {
    run: async (client, keys, args) => {
      try {
        return await client.evalsha(sha, keys.length, ...keys, ...args);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith("NOSCRIPT")) return client.eval(lua, keys.length, ...keys, ...args);
        throw e;
      }
    },
  };
};

/** Check-and-add against a limit in one step: KEYS[1] counter; ARGV amount, limit, ttlMs → {allowed, total}. */
export const consumeScript = script(`
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur + tonumber(ARGV[1]) > tonumber(ARGV[2]) then return {0, tostring(cur)} end
local t = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, t}`);

/** Unchecked add: KEYS[1] counter; ARGV amount, ttlMs → total. */
export const addScript = script(`
local t = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return t`);

/**
 * Pushes a replica's usage from a Redis outage: adds the delta when the counter survived,
 * or restores last-known-total + delta when Redis came back empty. KEYS[1]; ARGV delta, total, ttlMs.
 */
export const reconcileScript = script(`
local t
if redis.call('EXISTS', KEYS[1]) == 1 then
  t = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[2])
  t = ARGV[2]
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return t`);

/**
 * Records an attempt outcome: EWMA latency/TTFT, latency ring, failure window, circuit.
 * KEYS: model hash, latency list, failure zset. ARGV: ok, latencyMs, ttftMs|'', now, alpha,
 * windowMs, failureThreshold, cooldownMs, ringSize.
 */
export const recordOutcomeScript = script(`
local h, lat, fails = KEYS[1], KEYS[2], KEYS[3]
local now = tonumber(ARGV[4])
local alpha = tonumber(ARGV[5])
redis.call('HINCRBY', h, 'samples', 1)
if ARGV[1] == '1' then
  local x = tonumber(ARGV[2])
  local prev = redis.call('HGET', h, 'ewmaL')
  if prev then x = tonumber(prev) + alpha * (x - tonumber(prev)) end
  redis.call('HSET', h, 'ewmaL', tostring(x))
  if ARGV[3] ~= '' then
    local y = tonumber(ARGV[3])
    local prevT = redis.call('HGET', h, 'ewmaT')
    if prevT then y = tonumber(prevT) + alpha * (y - tonumber(prevT)) end
    redis.call('HSET', h, 'ewmaT', tostring(y))
  end
  redis.call('LPUSH', lat, ARGV[2])
  redis.call('LTRIM', lat, 0, tonumber(ARGV[9]) - 1)
  redis.call('HSET', h, 'openedUntil', '0', 'probing', '0')
  redis.call('DEL', fails)
  return 1
end
redis.call('ZREMRANGEBYSCORE', fails, '-inf', tostring(now - tonumber(ARGV[6])))
local seq = redis.call('HINCRBY', h, 'seq', 1)
redis.call('ZADD', fails, now, tostring(now) .. ':' .. seq)
local opened = tonumber(redis.call('HGET', h, 'openedUntil') or '0')
local halfOpen = opened ~= 0 and now >= opened
if halfOpen or redis.call('ZCARD', fails) >= tonumber(ARGV[7]) then
  redis.call('HSET', h, 'openedUntil', tostring(now + tonumber(ARGV[8])), 'probing', '0')
end
return 0`);

/** Circuit admission with a single half-open probe slot. KEYS[1] model hash; ARGV now → 1|0. */
export const admitScript = script(`
local v = redis.call('HMGET', KEYS[1], 'openedUntil', 'probing')
local opened = tonumber(v[1] or '0')
if opened == 0 then return 1 end
if tonumber(ARGV[1]) < opened then return 0 end
if v[2] == '1' then return 0 end
redis.call('HSET', KEYS[1], 'probing', '1')
return 1`);

/** Decrements in-flight, never below zero. KEYS[1] model hash. */
export const endCallScript = script(`
local n = redis.call('HINCRBY', KEYS[1], 'inFlight', -1)
if n < 0 then redis.call('HSET', KEYS[1], 'inFlight', '0') return 0 end
return n`);
