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

  -- The two accounts.
  redis.call('HINCRBY', keys[2], 'g' .. kind, 1)
  redis.call('HINCRBY', keys[3], 'r' .. kind, 1)
  if w ~= 0 then
    local fa = num(w * 2 ^ ((t - T0) / H_ACCOUNT))
    redis.call('HINCRBYFLOAT', keys[2], 'given', fa)
    redis.call('HINCRBYFLOAT', keys[3], 'received', fa)
  end

  -- The pair.
  local cur = redis.call('HMGET', keys[4], 'first', 'last', other)
  redis.call('HINCRBY', keys[4], dir .. kind, 1)
  local first, last = tonumber(cur[1]), tonumber(cur[2])
  if first == nil or t < first then
    redis.call('HSET', keys[4], 'first', args[3])
  end
  if last == nil or t > last then
    redis.call('HSET', keys[4], 'last', args[3])
  end

  -- The ranking of both accounts, when the strength moved.
  if w ~= 0 then
    local mine = tonumber(redis.call('HINCRBYFLOAT', keys[4], dir, num(w * 2 ^ ((t - T0) / H_PAIR))))
    local theirs = tonumber(cur[3]) or 0
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
