-- Requests for tools/bench, run by wrk: logged-in dashboard reads and, mixed in,
-- patient additions with each session's CSRF token.
--
-- wrk ... -s sessions.lua -- SESSIONS WRITE_EVERY
--   SESSIONS     a file from `medsynq seed --sessions`, or "none" to send wrk's own
--                request unchanged (the nginx reference)
--   WRITE_EVERY  0 for reads only, N for one POST /patients in every N requests
-- With BENCH_RANDOM=1 in the environment each request picks a random session;
-- otherwise every request is the same (built once, as cheap for wrk as it gets).
-- At the end one JSON line with the counts and latency percentiles is printed.

local sessions = {}
local write_every = 0
local sent = 0

local function read_sessions(path)
  for line in io.lines(path) do
    local cookie, token = line:match("^(%S+) (%S+)$")
    if cookie then
      sessions[#sessions + 1] = { cookie = "medsynq_session=" .. cookie, token = token }
    end
  end
end

function setup(thread)
  setup_count = (setup_count or 0) + 1
  thread:set("thread_number", setup_count)
end

function init(args)
  write_every = tonumber(args[2] or "0") or 0
  if args[1] and args[1] ~= "none" then
    read_sessions(args[1])
    wrk.headers["Cookie"] = sessions[1].cookie
  end
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

local function add_patient(session)
  local body = "csrf_token=" .. session.token
    .. "&name=Wren+Abernethy&date_of_birth=1984-07-21&notes=Seen+for+a+routine+check-up."
  return wrk.format("POST", "/patients", {
    ["Cookie"] = session.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

if os.getenv("BENCH_RANDOM") == "1" then
  function request()
    local session = sessions[math.random(#sessions)]
    sent = sent + 1
    if write_every > 0 and sent % write_every == 0 then
      return add_patient(session)
    end
    return wrk.format("GET", "/patients", { ["Cookie"] = session.cookie })
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, '
      .. '"bad_status": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
