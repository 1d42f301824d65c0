-- Complete 10-step Purwakarta lifecycles (SOP pwk-iptk): create, upload the four mandatory
-- requirements, submit, then every officer's step to the signed permit, with the field
-- inspection scheduled and the technical team's report: 14 requests each. The receipt,
-- invitation, report and permit PDFs are planned in those transactions and rendered by the
-- server's document worker.
-- Each response names its application (Content-Location), so many lifecycles interleave on
-- the connections without per-connection state.
-- env: TOKENS = "role=token,role=token,..." for pemohon, front_office, back_office, tim_teknis,
--      kasi, kabid, kepala_dinas; PDF = path of a small PDF to upload.
-- Throughput: a lifecycle lasts at least SCHEDULE_LEAD + 1 seconds (its inspection), so the
-- lifecycles completed in a run of d seconds undercount the rate by that much of d; the steady
-- rate counts only those completed after WARMUP seconds (env WARMUP_SECONDS, default 5), when
-- as many lifecycles are under way as the load keeps going, over the rest of the run.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } lifecycle_timespec;
int clock_gettime(int clock, lifecycle_timespec* out);
]]
local clock = ffi.new("lifecycle_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end
WARMUP = tonumber(os.getenv("WARMUP_SECONDS") or "5")
local started = nil

local tokens = {}
for role, token in string.gmatch(os.getenv("TOKENS"), "([%w_]+)=([%w_%-]+)") do tokens[role] = token end
local f = assert(io.open(os.getenv("PDF"), "rb"))
local pdf = f:read("*a")
f:close()

local plan = {
  {"pemohon", "upload", "str"}, {"pemohon", "upload", "tempat_praktik"}, {"pemohon", "upload", "ktp"},
  {"pemohon", "upload", "pas_foto"}, {"pemohon", "act", "selesai"}, {"front_office", "act", "lengkap"},
  {"back_office", "schedule", ""}, {"back_office", "act", "diagendakan"}, {"tim_teknis", "act", "rekomendasi_positif"},
  {"back_office", "act", "naskah_dibuat"}, {"kasi", "act", "terverifikasi"}, {"kabid", "act", "terverifikasi"},
  {"kepala_dinas", "act", "ditandatangani"},
}
local next_index = {}  -- application path -> index into plan of its next request
local queue = {}      -- requests ready to send
local waiting = {}    -- reports held until their inspection's time: {due = unix seconds, request = ...}
SCHEDULE_LEAD = 2
completed = 0
steady = 0  -- completed after WARMUP seconds
failed = 0
first_failure = nil

local function build(path, index)
  local p = plan[index]
  local headers = {["Authorization"] = "Bearer " .. tokens[p[1]]}
  if p[2] == "upload" then
    headers["Content-Type"] = "application/pdf"
    return wrk.format("POST", path .. "/documents/" .. p[3] .. "?filename=" .. p[3] .. ".pdf", headers, pdf)
  end
  headers["Content-Type"] = "application/json"
  if p[2] == "schedule" then
    -- The inspection two seconds from now: its report is refused before that time (see below),
    -- and office hours are waived so that the load runs at any hour.
    local at = os.date("!%Y-%m-%dT%H:%M:%S+00:00", os.time() + SCHEDULE_LEAD)
    return wrk.format("POST", path .. "/schedule", headers,
      '{"kind":"peninjauan_lapangan","at":"' .. at .. '","place":"Lokasi praktik","members":["dr. Anwar"],' ..
      '"outside_hours_confirmed":true}')
  end
  local report = ""
  if p[1] == "tim_teknis" then
    report = ',"report":{"findings":["Ruang praktik layak"],"conclusion":"Memenuhi persyaratan"}'
  end
  return wrk.format("POST", path .. "/actions", headers, '{"action":"' .. p[3] .. '"' .. report .. '}')
end

request = function()
  if not started then started = now() end
  if waiting[1] and os.time() >= waiting[1].due then return table.remove(waiting, 1).request end
  local q = table.remove(queue, 1)
  if q then return q end
  return wrk.format("POST", "/api/v1/applications",
    {["Authorization"] = "Bearer " .. tokens["pemohon"], ["Content-Type"] = "application/json"},
    '{"sop":"pwk-iptk","data":{"profession":"perawat","str_number":"3214100222001234","sip_held":0,' ..
    '"practice_kind":"fasyankes","practice_place":"Klinik","practice_address":"Jl. Veteran","facility_head":"dr. A"}}')
end

response = function(status, headers, body)
  local path = headers["Content-Location"]
  if status >= 300 or not path then
    failed = failed + 1
    if not first_failure then first_failure = status .. " " .. string.sub(body or "", 1, 300) end
    return
  end
  local index = (next_index[path] or 0) + 1
  if index > #plan then
    next_index[path] = nil
    completed = completed + 1
    if now() - started >= WARMUP then steady = steady + 1 end
    return
  end
  next_index[path] = index
  local p = plan[index]
  if p[1] == "tim_teknis" then
    -- A report before the scheduled inspection is refused; meanwhile the connection starts
    -- other lifecycles, as an office's other files move on while one waits for its visit.
    waiting[#waiting + 1] = {due = os.time() + SCHEDULE_LEAD + 1, request = build(path, index)}
  else
    queue[#queue + 1] = build(path, index)
  end
end

local threads = {}
setup = function(thread) threads[#threads + 1] = thread end

done = function(summary, latency, requests)
  local c, st, e = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("completed")
    st = st + t:get("steady")
    e = e + t:get("failed")
    local first = t:get("first_failure")
    if first then io.write("first failure: " .. first .. "\n") end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("lifecycles %d failed %d seconds %.2f lifecycles_per_s %.1f\n", c, e, seconds, c / seconds))
  if seconds > WARMUP then
    io.write(string.format("steady_lifecycles_per_s %.1f\n", st / (seconds - WARMUP)))
  end
end
