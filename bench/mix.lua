-- wrk script: replays the benchmark's query mix (one request per line of the file named by BENCH_REQUESTS:
-- "path<TAB>cookie"), every thread starting at a different line, and counts non-2xx answers as errors.
local requests = {}
local position = 0
errors = 0  -- global: done() reads it from each thread with thread:get
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local path, cookie = line:match("^([^\t]*)\t?(.*)$")
    local headers = { ["Host"] = "127.0.0.1", ["Accept"] = "application/json, text/html" }
    if cookie ~= "" then headers["Cookie"] = cookie end
    table.insert(requests, wrk.format("GET", path, headers))
  end
  position = (id * 7) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  if status < 200 or status > 299 then errors = errors + 1 end
end

function done(summary, latency, requests_done)
  local non2xx = 0
  for _, thread in ipairs(threads) do non2xx = non2xx + thread:get("errors") end
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "errors_socket": %d, "non_2xx": %d, '
      .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    non2xx, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
