-- Takes one token from every bucket in KEYS, or from none: all-or-nothing, atomic in Redis.
-- ARGV: for each key i, ARGV[2i-1] = capacity, ARGV[2i] = refill in tokens per millisecond.
-- Each bucket is a hash {tokens, at}: the tokens it held at time `at` (Redis's clock, ms).
-- Returns {allowed (1/0), milliseconds until every bucket holds a token, index of the emptiest}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tokens = {}
local wait = 0
local limiting = 0
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local held = tonumber(state[1])
  local at = tonumber(state[2])
  if held == nil or at == nil then
    held = capacity
    at = now
  end
  held = math.min(capacity, held + math.max(0, now - at) * rate)
  tokens[i] = held
  if held < 1 then
    local needed = math.ceil((1 - held) / rate)
    if needed > wait then
      wait = needed
      limiting = i
    end
  end
end
local allowed = 0
if wait == 0 then
  allowed = 1
end
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i - 1])
  local rate = tonumber(ARGV[2 * i])
  local held = tokens[i]
  if allowed == 1 then
    held = held - 1
  end
  redis.call('HSET', KEYS[i], 'tokens', tostring(held), 'at', tostring(now))
  -- a bucket left alone refills completely; after that it need not be kept
  redis.call('PEXPIRE', KEYS[i], math.ceil(capacity / rate) + 1000)
end
return {allowed, wait, limiting}
