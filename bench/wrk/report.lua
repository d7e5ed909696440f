-- wrk script for the OneToOne bench: sends the session cookie (WRK_COOKIE), counts non-2xx
-- responses per thread, collects the server's own time from the Server-Timing header ("app;dur=12.34",
-- sent when Bench:Enabled and the app wires Platform/Web/ServerTiming.cs), and prints one machine-readable
-- line that run.sh turns into a table row:
-- RESULT <req/s> <p50 ms> <p95 ms> <p99 ms> <non-2xx> <socket errors> <requests> <server p50> <server p95> <server p99>
-- (the server percentiles are "-" when no response carried the header).
-- With WRK_PATHS (a file of paths, one a line) each thread walks the list from its own starting point instead of
-- requesting the URL's path over and over, e.g. many people's records or many concern and district searches.
local cookie = os.getenv("WRK_COOKIE")
if cookie and #cookie > 0 then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = os.getenv("WRK_ACCEPT") or "text/html,application/json;q=0.9,*/*;q=0.8"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads - 1)
end

local paths_file = os.getenv("WRK_PATHS")
local paths = nil
local next_path = 1

function init(args)
  non2xx = 0
  server = {}
  served = 0
  if paths_file and #paths_file > 0 then
    paths = {}
    for line in io.lines(paths_file) do
      if #line > 0 then paths[#paths + 1] = line end
    end
    -- Threads start spread over the list, so they do not ask for the same page at the same moment.
    next_path = ((offset or 0) * 37) % #paths + 1
  end
end

if paths_file and #paths_file > 0 then
  function request()
    local path = paths[next_path]
    next_path = next_path % #paths + 1
    return wrk.format(nil, path)
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local timing = headers["Server-Timing"] or headers["server-timing"]
  if timing then
    local dur = timing:match("dur=([%d%.]+)")
    if dur then
      served = served + 1
      server[served] = tonumber(dur)
    end
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return nil end
  local i = math.ceil(#sorted * p / 100)
  if i < 1 then i = 1 end
  return sorted[i]
end

function done(summary, latency, requests)
  local bad = 0
  local all = {}
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    local s = t:get("server")
    if s then
      for _, v in ipairs(s) do all[#all + 1] = v end
    end
  end
  table.sort(all)
  local function fmt(p)
    local v = percentile(all, p)
    return v and string.format("%.2f", v) or "-"
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d %s %s %s\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    bad, errors, summary.requests, fmt(50), fmt(95), fmt(99)))
end
