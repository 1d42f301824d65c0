-- GET requests picked at random from a file of lines "TOKEN PATH" (TOKEN "-" for none), so the
-- load spreads over many officers and applications.
-- env: REQUESTS = path of that file.
local requests = {}
for line in io.lines(os.getenv("REQUESTS")) do
  local token, path = line:match("^(%S+) (%S+)$")
  if token then
    local headers = {}
    if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
end
non2xx = 0

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
end

request = function()
  return requests[math.random(#requests)]
end

response = function(status)
  if status < 200 or status >= 300 then non2xx = non2xx + 1 end
end

-- wrk runs a Lua state per thread; each thread's count is summed here.
local threads = {}
setup = function(thread) threads[#threads + 1] = thread end
done = function()
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("non2xx") end
  io.write(string.format("non2xx %d\n", total))
end
