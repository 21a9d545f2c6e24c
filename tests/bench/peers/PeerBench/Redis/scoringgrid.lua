#!lua name=scoringgrid
--
-- ScoringGrid's model done in Redis (the Redis peer of tests/bench/peers): one function call per
-- interaction, loaded with FUNCTION LOAD REPLACE and called with FCALL ingest (pipelined).
--
-- FCALL ingest 6 e:<event_id> a:<actor> a:<target> <pair> t:<actor> t:<target>
--               <ttl_s> <kind> <occurred_at_ms> <ab|ba> <actor> <target>
-- FCALL ingest 2 e:<event_id> a:<actor> <ttl_s> 12 <occurred_at_ms>      (POST: no target)
--
--   <pair> = p:<len(a)>:<a>:<b>, a < b ordinally (the client orders the pair);
--   ab|ba  = the direction of this interaction in the pair (actor = a: ab).
-- Returns 1 when applied, 0 for a duplicate event id.
--
-- Keys:
--   e:<event_id>  string, set NX with a TTL: the idempotency window.
--   a:<account>   hash: given / received = forward-decayed sums (h = 7 days) of w·2^((t − T0)/h);
--                 g<kind> / r<kind> = counts given / received per kind number; posts.
--   p:...         hash: ab / ba = forward-decayed sums (h = 14 days) each way;
--                 ab<kind> / ba<kind> = counts per kind each way; first / last = event times (ms).
--   t:<account>   sorted set: member = the other account, score = log2 of the pair's forward-decayed
--                 strength (a clock-free ranking key: the order of strengths at any as-of).
-- T0 = 2020-01-01T00:00:00Z. A reader decays a forward value v to as-of by v·2^(−(as_of − T0)/h).
--
-- The decayed sums are read and written back (HMGET, then one HSET per hash, with 17 significant
-- digits) rather than HINCRBYFLOAT'd: HINCRBYFLOAT stores its result in fixed-point notation with
-- 17 decimals, which turns a forward value of an event years before T0 (2^((t − T0)/h) < 1e-17,
-- e.g. the 2004 CollegeMsg log) into 0 and keeps only a few digits of values below 1. The function
-- runs atomically, so read-then-write is as safe as an increment. Counts ride along in the same
-- HSET. Plain doubles hold forward values for events within ±1023 half-lives of T0 (±39 years at
-- 14 days, ±19.6 years at 7 days).

local T0 = 1577836800000
local H_PAIR = 14 * 86400000
local H_ACCOUNT = 7 * 86400000
local LOG2 = 0.69314718055994530942 -- ln 2 (the math library is not there at load time)
-- Weight by kind number: VIEW 0, CLICK 0.5, LIKE 1, FOLLOW 2, SHARE 3, MENTION 4, COMMENT 6,
-- REPLY 8, DIRECT_MESSAGE 10, CONVERSION 15, UNFOLLOW -5, POST 0.
local WEIGHT = { 0, 0.5, 1, 2, 3, 4, 6, 8, 10, 15, -5, 0 }

-- Lua turns numbers into 14 significant digits when passing them to Redis; pass 17.
local function num(x)
  return string.format('%.17g', x)
end

local function ingest(keys, args)
  if not redis.call('SET', keys[1], '1', 'NX', 'EX', args[1]) then
    return 0
  end

  local kind = tonumber(args[2])
  local t = tonumber(args[3])
  if kind == 12 then
    redis.call('HINCRBY', keys[2], 'posts', 1)
    return 1
  end

  local w = WEIGHT[kind]
  if w == nil then
    return redis.error_reply('unknown kind ' .. args[2])
  end

  local dir = args[4]
  local other = (dir == 'ab') and 'ba' or 'ab'

  -- The two accounts: counts per kind and, unless w = 0, the decayed sums given / received.
  local gk, rk = 'g' .. kind, 'r' .. kind
  if w == 0 then
    redis.call('HINCRBY', keys[2], gk, 1)
    redis.call('HINCRBY', keys[3], rk, 1)
  else
    local fa = w * 2 ^ ((t - T0) / H_ACCOUNT)
    local g = redis.call('HMGET', keys[2], 'given', gk)
    redis.call('HSET', keys[2], 'given', num((tonumber(g[1]) or 0) + fa), gk, (tonumber(g[2]) or 0) + 1)
    local r = redis.call('HMGET', keys[3], 'received', rk)
    redis.call('HSET', keys[3], 'received', num((tonumber(r[1]) or 0) + fa), rk, (tonumber(r[2]) or 0) + 1)
  end

  -- The pair: count, first / last, and the decayed sum of this direction.
  local ck = dir .. kind
  local cur = redis.call('HMGET', keys[4], 'first', 'last', dir, other, ck)
  local first, last = tonumber(cur[1]), tonumber(cur[2])
  local mine, theirs = tonumber(cur[3]) or 0, tonumber(cur[4]) or 0
  local set = { ck, (tonumber(cur[5]) or 0) + 1 }
  if first == nil or t < first then
    set[#set + 1] = 'first'
    set[#set + 1] = args[3]
  end
  if last == nil or t > last then
    set[#set + 1] = 'last'
    set[#set + 1] = args[3]
  end
  if w ~= 0 then
    mine = mine + w * 2 ^ ((t - T0) / H_PAIR)
    set[#set + 1] = dir
    set[#set + 1] = num(mine)
  end
  redis.call('HSET', keys[4], unpack(set))

  -- The ranking of both accounts, when the strength moved.
  if w ~= 0 then
    local x = math.max(mine, 0)
    local y = math.max(theirs, 0)
    -- strength = (x + y)·(0.5 + 0.5·reciprocity), reciprocity = 2·min/(x + y): = 0.5·(x + y) + min(x, y)
    local s = 0.5 * (x + y) + math.min(x, y)
    if s > 0 then
      local key = num(math.log(s) / LOG2)
      redis.call('ZADD', keys[5], key, args[6])
      redis.call('ZADD', keys[6], key, args[5])
    else
      redis.call('ZREM', keys[5], args[6])
      redis.call('ZREM', keys[6], args[5])
    end
  end

  return 1
end

redis.register_function('ingest', ingest)
