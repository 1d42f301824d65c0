-- Authenticated status reads: an applicant polling their applications' status.
-- env: TOKEN (bearer), IDS (comma-separated application ids)
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "1", "%d+") do ids[#ids + 1] = id end
local i = 0
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/applications/" .. ids[(i % #ids) + 1] .. "/status")
end

local errors = 0
response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
