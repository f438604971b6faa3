/**
 * Lua run inside Redis (EVALSHA, see {@linkcode RedisScript}), so the bookkeeping that keeps every instance within one byte
 * bound is atomic. With prefix `P`, an entry is the string `P e:<owner>:<hash>`; the sorted set
 * `P lru` scores entries by last use in microseconds (Redis's clock, so instances agree), the hash `P sizes`
 * holds their sizes, `P bytes` their total, and the set `P o:<owner>` one image's entries for
 * purges. Every script takes the prefix as ARGV[1]. Key names are built inside the scripts, so
 * this needs a standalone Redis (or a single-shard one), not Redis Cluster.
 *
 * @module
 */

import { createHash } from "node:crypto";

/**
 * A Lua script with its SHA-1, the name Redis caches it under: sending the name (EVALSHA) instead
 * of the ~1 KB source (EVAL) on every cache access keeps the pipelined connection lean.
 */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

function redisScript(source: string): RedisScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

const COMMON = `
local prefix = ARGV[1]
local lru, sizes, total = prefix .. 'lru', prefix .. 'sizes', prefix .. 'bytes'
local function ownerSet(entry)
  return prefix .. 'o:' .. string.sub(entry, #prefix + 3, #prefix + 34)
end
local function forget(entry)
  local size = redis.call('HGET', sizes, entry)
  if size then
    redis.call('HDEL', sizes, entry)
    redis.call('DECRBY', total, size)
  end
  redis.call('ZREM', lru, entry)
  redis.call('SREM', ownerSet(entry), entry)
  return redis.call('DEL', entry)
end
local function nowUs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end
local function totals()
  return {tonumber(redis.call('GET', total) or '0'), redis.call('ZCARD', lru)}
end
`;

/**
 * ARGV: prefix, entry key, ttl seconds. Returns `{bytes or nil, total bytes, entry count}`.
 * A hit renews the entry's time to live and its place in the LRU order.
 */
export const GET_SCRIPT = redisScript(`${COMMON}
local entry, ttl = ARGV[2], tonumber(ARGV[3])
local value = redis.call('GET', entry)
if value then
  redis.call('ZADD', lru, 'XX', nowUs(), entry)
  if ttl > 0 then redis.call('EXPIRE', entry, ttl) end
end
local sums = totals()
return {value, sums[1], sums[2]}
`);

/**
 * ARGV: prefix, entry key, ttl seconds, max bytes, the bytes. Forgets entries that expired
 * (unused for longer than the ttl), stores this one, then evicts the least recently used until
 * the total fits. Returns `{total bytes, entry count}`.
 */
export const PUT_SCRIPT = redisScript(`${COMMON}
local entry, ttl, maxBytes, value = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local now = nowUs()
if ttl > 0 then
  local expired = redis.call('ZRANGEBYSCORE', lru, '-inf', now - ttl * 1000000, 'LIMIT', 0, 100)
  for _, old in ipairs(expired) do forget(old) end
end
forget(entry)
if ttl > 0 then redis.call('SET', entry, value, 'EX', ttl) else redis.call('SET', entry, value) end
redis.call('SADD', ownerSet(entry), entry)
redis.call('ZADD', lru, now, entry)
redis.call('HSET', sizes, entry, #value)
redis.call('INCRBY', total, #value)
while tonumber(redis.call('GET', total)) > maxBytes do
  local oldest = redis.call('ZPOPMIN', lru)
  if #oldest == 0 then break end
  forget(oldest[1])
end
return totals()
`);

/** ARGV: prefix, owner. Removes one image's entries; returns how many still existed. */
export const PURGE_SCRIPT = redisScript(`${COMMON}
local set = prefix .. 'o:' .. ARGV[2]
local removed = 0
for _, entry in ipairs(redis.call('SMEMBERS', set)) do removed = removed + forget(entry) end
redis.call('DEL', set)
return removed
`);
