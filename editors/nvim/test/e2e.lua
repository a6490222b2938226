-- The real-editor test: runs inside `nvim --headless --clean -u init-*.lua -l`,
-- after the init file has loaded the plugin the way a user's config does.
-- Drives Neovim's own LSP client against roadmap-lsp on a copy of
-- fixtures/every-check.roadmap.toml, checked as of 2026-11-23.
--
-- Usage: nvim ... -l e2e.lua FIXTURE MODE   (MODE: setup | enable | packadd)

local fixture, mode = arg[1], arg[2]
local SERVER = "roadmap_lsp"
local TIMEOUT = 10000 -- ms; a wait normally ends in tens of ms

local started = vim.uv.hrtime()
local function say(message)
  io.stdout:write(string.format("[%6.0f ms] %s\n", (vim.uv.hrtime() - started) / 1e6, message))
end

local function check(condition, message, ...)
  if not condition then
    error(string.format(message, ...), 2)
  end
end

--- Waits for `predicate` to hold; fails with `what` on time-out.
local function wait_for(what, predicate)
  local ok = vim.wait(TIMEOUT, predicate, 20)
  check(ok, "timed out after %d ms waiting for %s", TIMEOUT, what)
end

local function codes(bufnr)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    found[tostring(diagnostic.code)] = true
  end
  return found
end

local function sorted_keys(set)
  local keys = vim.tbl_keys(set)
  table.sort(keys)
  return keys
end

--- The 0-based number of the first line matching a Lua pattern, at or
--- after 0-based line `from`.
local function find_line(bufnr, pattern, from)
  from = from or 0
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, from, -1, true)) do
    if line:match(pattern) then
      return from + index - 1
    end
  end
  error("no line matches " .. pattern)
end

--- Every code the fixture raises as of 2026-11-23, as `roadmap-lsp check`
--- reports them: the editor must show exactly what the CLI does, but for
--- what the test's settings turn off.
local function expected_codes()
  local server = os.getenv("ROADMAP_LSP") or "roadmap-lsp"
  local out = vim.fn.system({ server, "check", "--format", "json", "--today", "2026-11-23", fixture })
  local ok, report = pcall(vim.json.decode, out)
  check(ok and type(report) == "table", "roadmap-lsp check --format json gave no report:\n%s", out)
  local found = {}
  for _, file in ipairs(report.files or {}) do
    for _, diagnostic in ipairs(file.diagnostics or {}) do
      found[diagnostic.code] = true
    end
  end
  check(next(found) ~= nil, "the CLI found no problem in %s", fixture)
  -- Each init-*.lua turns vague-goal off: its absence shows that the
  -- settings reached the server.
  check(found["vague-goal"], "the fixture has no vague-goal for the settings to silence")
  found["vague-goal"] = nil
  return sorted_keys(found)
end

local function test()
  say("mode " .. mode .. ", Neovim " .. tostring(vim.version()))

  vim.cmd.edit(vim.fn.fnameescape(fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  local win = vim.api.nvim_get_current_win()

  -- Filetype and highlighting.
  check(vim.bo[bufnr].filetype == "roadmap", "filetype is %q, not roadmap", vim.bo[bufnr].filetype)
  check(vim.treesitter.language.get_lang("roadmap") == "toml", "treesitter does not map roadmap to toml")
  check(vim.bo[bufnr].commentstring == "# %s", "commentstring is %q", vim.bo[bufnr].commentstring)
  -- No TOML parser here, so the fallback: Vim's TOML syntax.
  local first_comment = find_line(bufnr, "^#")
  local group = vim.fn.synIDattr(vim.fn.synID(first_comment + 1, 1, 1), "name")
  check(group == "tomlComment", "line %d is highlighted as %q, not tomlComment", first_comment + 1, group)
  say("filetype roadmap, TOML syntax highlighting")

  -- Attach.
  wait_for("roadmap_lsp to attach", function()
    return #vim.lsp.get_clients({ bufnr = bufnr, name = SERVER }) > 0
  end)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = SERVER })[1]
  for _, pid in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
    io.stdout:write("SERVER_PID " .. pid .. "\n") -- run.sh makes sure it is gone
  end
  wait_for("initialization", function()
    return client.initialized
  end)
  say(string.format("attached: %s %s", client.server_info.name, client.server_info.version or ""))

  -- Diagnostics: exactly the fixture's codes.
  local expected = table.concat(expected_codes(), " ")
  local ok = vim.wait(TIMEOUT, function()
    return table.concat(sorted_keys(codes(bufnr)), " ") == expected
  end, 20)
  check(ok, "diagnostic codes\n  got      %s\n  expected %s", table.concat(sorted_keys(codes(bufnr)), " "), expected)
  say(#vim.diagnostic.get(bufnr) .. " diagnostics, codes as expected")

  -- Hover on the goal `mentoring`: its progress, as a user sees it (K).
  local mentoring_header = find_line(bufnr, '^id = "mentoring"') - 1
  vim.api.nvim_win_set_cursor(win, { mentoring_header + 1, 0 })
  vim.lsp.buf.hover()
  local hover_lines
  wait_for("the hover window", function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then
        hover_lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
        return true
      end
    end
  end)
  local hover = table.concat(hover_lines, "\n")
  check(hover:find("Actions: 0/1 done", 1, true), "hover has no action progress:\n%s", hover)
  check(hover:find("░", 1, true), "hover has no progress bar:\n%s", hover)
  check(hover:find("mentoring", 1, true) or hover:find("Mentor", 1, true), "hover is not about the goal:\n%s", hover)
  vim.api.nvim_set_current_win(win)
  vim.cmd.fclose({ bang = true })
  say("hover: " .. (hover:match("Actions:[^\n]*") or ""))

  -- Completion after typing `status = "` on a new line: the edit goes through
  -- nvim_buf_set_text so Neovim sends didChange, as when typing.
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, line_count, line_count, true, { "", "[[goals.actions]]", "" })
  local typed = 'status = "'
  vim.api.nvim_buf_set_text(bufnr, line_count + 2, 0, line_count + 2, 0, { typed })
  vim.api.nvim_win_set_cursor(win, { line_count + 3, #typed })
  local params = vim.lsp.util.make_position_params(win, client.offset_encoding)
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, TIMEOUT)
  check(responses and responses[client.id] and responses[client.id].result, "no completion response: %s", vim.inspect(responses))
  local result = responses[client.id].result
  local labels = {}
  for _, item in ipairs(result.items or result) do
    labels[#labels + 1] = item.label
  end
  table.sort(labels)
  local statuses = table.concat(labels, " ")
  check(statuses == "blocked done dropped in-progress todo", "completion offered: %s", statuses)
  say("completion after `status = \"`: " .. statuses)
  vim.api.nvim_buf_set_lines(bufnr, line_count, -1, true, {})

  -- The quick fix "Add deadline" on `mentoring`, applied through the code
  -- action UI (filtered to it, so it applies without a prompt).
  local function missing_deadline()
    for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
      if diagnostic.code == "missing-deadline" then
        return diagnostic
      end
    end
  end
  wait_for("missing-deadline after the completion edit was undone", function()
    local diagnostic = missing_deadline()
    return diagnostic and diagnostic.lnum == mentoring_header
  end)
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  vim.api.nvim_win_set_cursor(win, { mentoring_header + 1, 0 })
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      return action.title:find("^Add deadline") ~= nil
    end,
  })
  wait_for("the quick fix to change the buffer", function()
    return vim.api.nvim_buf_line_count(bufnr) ~= #before
  end)
  local after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  -- One line added, `deadline =` a date (the end of the quarter the pace
  -- reaches the target: the server's choice), inside the goal.
  check(#after == #before + 1, "the fix added %d lines", #after - #before)
  local added
  for index = 1, #after do
    if after[index] ~= before[index] then
      added = index
      break
    end
  end
  check(after[added]:match("^deadline = %d%d%d%d%-%d%d%-%d%d$"), "the fix inserted %q at line %d", after[added], added)
  check(added > mentoring_header + 1 and added < find_line(bufnr, "^%[goals%.metric%]", mentoring_header) + 1,
    "the deadline landed outside the goal, at line %d", added)
  wait_for("missing-deadline to go away", function()
    return missing_deadline() == nil
  end)
  say("quick fix: inserted line " .. added .. ": " .. after[added] .. "; missing-deadline gone")

  -- What setup() turns on: inlay hints and code lenses.
  if mode ~= "enable" then
    check(vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }), "inlay hints are not enabled")
    wait_for("inlay hints", function()
      return #vim.lsp.inlay_hint.get({ bufnr = bufnr }) > 0
    end)
    wait_for("code lenses", function()
      return #vim.lsp.codelens.get(bufnr) > 0
    end)
    say(string.format("%d inlay hints, %d code lenses", #vim.lsp.inlay_hint.get({ bufnr = bufnr }), #vim.lsp.codelens.get(bufnr)))
  end

  -- :RoadmapAgenda: the server's agenda in a Markdown buffer.
  local agenda_buf
  vim.api.nvim_set_current_win(win)
  vim.cmd("RoadmapAgenda")
  wait_for("the agenda buffer", function()
    agenda_buf = vim.bo.filetype == "markdown" and vim.api.nvim_get_current_buf() or nil
    return agenda_buf ~= nil
  end)
  local agenda = table.concat(vim.api.nvim_buf_get_lines(agenda_buf, 0, -1, false), "\n")
  check(agenda:find("# Agenda for 2026-11-23", 1, true), "the agenda has no heading:\n%s", agenda)
  check(agenda:find("every-check.roadmap.toml:", 1, true), "the agenda names no item's file:line:\n%s", agenda)
  check(agenda:find("## Overdue", 1, true), "the agenda has nothing overdue:\n%s", agenda)
  vim.cmd.close()
  vim.api.nvim_set_current_win(win)
  say(":RoadmapAgenda: " .. #vim.split(agenda, "\n") .. " lines")

  -- :checkhealth roadmap, from the roadmap buffer.
  vim.cmd("checkhealth roadmap")
  local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  io.stdout:write(report, "\n")
  check(not report:find("ERROR"), ":checkhealth roadmap reports an error")
  check(not report:find("WARNING"), ":checkhealth roadmap reports a warning")
  check(report:find("OK Version: roadmap%-lsp"), ":checkhealth roadmap does not show the server version")
  check(report:find("buffer " .. bufnr .. ", current%): client %d+ attached"), ":checkhealth does not see the client")
  vim.cmd.tabclose()
  say(":checkhealth roadmap: OK")
end

local ok, failure = xpcall(test, debug.traceback)

-- Stop the server and wait for it to exit before Neovim does.
for _, client in ipairs(vim.lsp.get_clients()) do
  client:stop()
end
local stopped = vim.wait(5000, function()
  return #vim.lsp.get_clients() == 0
end, 20)

if not ok then
  io.stdout:write("\nFAILED: ", tostring(failure), "\n")
  local log = vim.lsp.get_log_path()
  io.stdout:write("--- LSP log ", log, "\n")
  local file = io.open(log, "r")
  io.stdout:write(file and file:read("*a") or "(none)\n", "---\n")
  vim.cmd("cquit 1")
end
if not stopped then
  io.stdout:write("FAILED: the server did not stop\n")
  vim.cmd("cquit 1")
end
say("PASS")
vim.cmd("cquit 0")
