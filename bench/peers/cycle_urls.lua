-- wrk script for bench/peers: cycles through the request paths listed one a line in the file
-- named after "--" (the second argument is wrk's thread count). Each thread starts at its own
-- share of the list, so threads do not ask for the same tile at the same moment. At the end it
-- prints one line, "WRK-RESULT {json}", that bench/peers/load.ts reads.

local thread_number = 0

function setup(thread)
  thread:set("thread_number", thread_number)
  thread_number = thread_number + 1
end

local paths = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  local threads = tonumber(args[2])
  next_index = math.floor(thread_number * #paths / threads) + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"socketErrors":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
