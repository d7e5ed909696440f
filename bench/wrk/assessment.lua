-- wrk script for "submitting an assessment": every request cycle is what an API client (or the worker's pages) does for
-- a fresh assessment, so every submit scores and stores a response nobody has submitted before:
--   1. POST /api/v1/people/{id}/assessments           start an HNA (201, the new response's id)
--   2. PUT  /api/v1/assessments/{id}/answers           distress, a dozen concerns and the top concern (200)
--   3. POST /api/v1/assessments/{id}/submit            score, flag, store and audit (200)  <- the measured step
-- Each step needs the previous answer, so each thread drives one connection (run with -tN -cN); people come from
-- WRK_PEOPLE (a file of person ids, one a line), each thread starting at its own place. WRK_COOKIE signs in.
-- Prints, like report.lua, one RESULT line, here for the submit step only (client latency timed here with a monotonic
-- clock, server time from Server-Timing):
-- RESULT <submits/s> <p50 ms> <p95 ms> <p99 ms> <non-2xx of all steps> <socket errors> <submits> <server p50> <server p95> <server p99>
-- and a STEP line per step: STEP <name> <requests> <p50 ms> <p95 ms> <server p50> <server p95>.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } o2o_timespec;
  int clock_gettime(int clk_id, o2o_timespec *tp);
]]
local ts = ffi.new("o2o_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local cookie = os.getenv("WRK_COOKIE")
local people_file = os.getenv("WRK_PEOPLE")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads - 1)
end

-- Concern items of the shipped HNA (none of the red-flag items).
local concerns = { "pain", "fatigue", "sleep", "eating", "getting-around", "memory", "breathing", "money", "work", "caring",
  "transport", "partner", "children", "worry", "sadness", "anger", "loneliness", "meaning", "faith", "diet", "exercise",
  "smoking", "information" }

local function answers_body()
  local parts = { string.format('"distress":%d', math.random(0, 10)) }
  -- A dozen concerns from a random starting point; the first is scored above 0 and chosen as the top concern.
  local first = math.random(#concerns)
  for k = 0, 11 do
    local code = concerns[(first + k - 1) % #concerns + 1]
    local score = k == 0 and math.random(1, 10) or math.random(0, 10)
    parts[#parts + 1] = string.format('"%s":%d', code, score)
  end
  return string.format('{"answers":{%s},"topConcerns":["%s"]}', table.concat(parts, ","), concerns[first])
end

function init(args)
  people = {}
  for line in io.lines(people_file) do
    if #line > 0 then people[#people + 1] = line end
  end
  person = ((index or 0) * 97) % #people + 1
  step = "start"
  response_id = nil
  started = 0
  non2xx = 0
  submits = 0
  -- Flat tables, one global each: wrk copies flat tables between threads, nested ones crash it.
  lat_start, lat_answers, lat_submit = {}, {}, {}
  srv_start, srv_answers, srv_submit = {}, {}, {}
  math.randomseed(1000 + (index or 0))
end

local headers = { ["Accept"] = "application/json", ["Content-Type"] = "application/json" }
if cookie and #cookie > 0 then headers["Cookie"] = cookie end

function request()
  started = now_ms()
  if step == "start" then
    return wrk.format("POST", "/api/v1/people/" .. people[person] .. "/assessments", headers, '{"timepoint":"Review"}')
  elseif step == "answers" then
    return wrk.format("PUT", "/api/v1/assessments/" .. response_id .. "/answers", headers, answers_body())
  else
    return wrk.format("POST", "/api/v1/assessments/" .. response_id .. "/submit", headers, "")
  end
end

function response(status, hdrs, body)
  local l = _G["lat_" .. step]
  l[#l + 1] = now_ms() - started
  local timing = hdrs["Server-Timing"] or hdrs["server-timing"]
  local dur = timing and timing:match("dur=([%d%.]+)")
  if dur then
    local s = _G["srv_" .. step]
    s[#s + 1] = tonumber(dur)
  end
  local ok = status >= 200 and status <= 299
  if not ok then non2xx = non2xx + 1 end
  if step == "start" then
    response_id = ok and body:match('"id"%s*:%s*"([^"]+)"') or nil
    step = response_id and "answers" or "start"
    if not response_id then person = person % #people + 1 end
  elseif step == "answers" then
    step = ok and "submit" or "start"
  else
    if ok then submits = submits + 1 end
    step = "start"
    person = person % #people + 1
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then return nil end
  local i = math.ceil(#sorted * p / 100)
  if i < 1 then i = 1 end
  return sorted[i]
end

local function fmt(sorted, p)
  local v = percentile(sorted, p)
  return v and string.format("%.2f", v) or "-"
end

function done(summary, latency, requests)
  local all_lat = { start = {}, answers = {}, submit = {} }
  local all_srv = { start = {}, answers = {}, submit = {} }
  local bad, total = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    total = total + (t:get("submits") or 0)
    for _, name in ipairs({ "start", "answers", "submit" }) do
      for _, v in ipairs(t:get("lat_" .. name) or {}) do table.insert(all_lat[name], v) end
      for _, v in ipairs(t:get("srv_" .. name) or {}) do table.insert(all_srv[name], v) end
    end
  end
  for _, name in ipairs({ "start", "answers", "submit" }) do
    table.sort(all_lat[name])
    table.sort(all_srv[name])
    io.write(string.format("STEP %s %d %s %s %s %s\n", name, #all_lat[name], fmt(all_lat[name], 50), fmt(all_lat[name], 95),
      fmt(all_srv[name], 50), fmt(all_srv[name], 95)))
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.0f %s %s %s %d %d %d %s %s %s\n",
    total / (summary.duration / 1e6),
    fmt(all_lat.submit, 50), fmt(all_lat.submit, 95), fmt(all_lat.submit, 99),
    bad, errors, total, fmt(all_srv.submit, 50), fmt(all_srv.submit, 95), fmt(all_srv.submit, 99)))
end
