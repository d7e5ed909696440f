-- wrk script for the OneToOne bench: sends the session cookie (WRK_COOKIE), counts non-2xx
-- responses per thread, and prints one machine-readable line that run.sh turns into a table row:
-- RESULT <req/s> <p50 ms> <p95 ms> <p99 ms> <non-2xx> <socket errors> <requests>
local cookie = os.getenv("WRK_COOKIE")
if cookie and #cookie > 0 then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = os.getenv("WRK_ACCEPT") or "text/html,application/json;q=0.9,*/*;q=0.8"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    bad, errors, summary.requests))
end
