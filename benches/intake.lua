-- wrk script: API submissions, each with a link and author address of its own, counting answers
-- by status so that the accepted ones can be compared with what the database stored.
local counter = 0
thread_id = 0
statuses = {}
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

request = function()
  counter = counter + 1
  local n = thread_id .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = '{"kind":"article","title":"Flood entry ' .. n .. '","url":"https://example.org/flood/' .. n ..
    '","summary":"Measuring intake.","author_name":"Bench","author_email":"bench-' .. n .. '@example.org"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do
      totals[code] = (totals[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(totals) do
    table.insert(parts, code .. "=" .. n)
  end
  io.write("STATUSES " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("LATENCY p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("RATE %.1f\n", summary.requests / (summary.duration / 1000000)))
end
