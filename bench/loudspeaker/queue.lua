-- wrk script: 1,000 terminals polling GET /terminal/v1/queue, each request with the next
-- terminal's Bearer token (and, when the file has a second column, its If-None-Match).
-- TOKENS=path/to/tokens.txt wrk -t2 -c1000 -d20s --latency -s queue.lua http://host:port
-- PACE_MS=333 makes every connection wait about that long (0.5x to 1.5x, random) before each
-- request: 1,000 connections then offer about 3,000 requests/s, and the latency wrk reports is
-- the service's at that rate, not at saturation.
local terminals = {}
local i = 0
local pace = tonumber(os.getenv("PACE_MS") or "")

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    local token, etag = line:match("^(%S+)%s*(.*)$")
    terminals[#terminals + 1] = { token = token, etag = etag }
  end
  i = math.random(#terminals)
end

function request()
  i = (i % #terminals) + 1
  local t = terminals[i]
  local headers = { ["Authorization"] = "Bearer " .. t.token }
  if t.etag ~= nil and t.etag ~= "" then
    headers["If-None-Match"] = t.etag
  end
  return wrk.format("GET", "/terminal/v1/queue", headers)
end

if pace ~= nil and pace > 0 then
  function delay()
    return math.floor(pace * (0.5 + math.random()))
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

statuses = {}
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
end
