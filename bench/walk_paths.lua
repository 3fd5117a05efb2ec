-- wrk script: each thread walks its own slice of a list of request paths, in order.
--   wrk -t2 -c16 -d30s --latency -s bench/walk_paths.lua http://127.0.0.1:PORT -- paths.txt
-- Prints one line "BENCH_JSON {...}" with requests, duration, errors and percentiles.

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local nthreads = tonumber(args[2]) or 1
  -- Thread i starts at the i-th slice, so threads do not send the same paths together.
  position = math.floor(#paths * id / nthreads)
  sent = 0
end

function request()
  position = position % #paths + 1
  sent = sent + 1
  return wrk.format("GET", paths[position])
end

function done(summary, latency, requests)
  local errors = summary.errors
  local out = string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
    .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f}',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean)
  io.write("BENCH_JSON " .. out .. "\n")
end
