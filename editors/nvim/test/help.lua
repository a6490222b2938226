-- Validates doc/roadmap.txt: `:helptags` accepts it (no duplicate tags),
-- `:help roadmap` opens it, and every |link| in it leads somewhere.
-- Usage: nvim --headless --clean -l help.lua DIR   (DIR holds a copy of doc/)
local dir = arg[1]
local failures = {}

local ok, err = pcall(vim.cmd.helptags, vim.fn.fnameescape(dir .. "/doc"))
if not ok then
  table.insert(failures, ":helptags: " .. tostring(err))
end
vim.opt.rtp:prepend(dir)

local function opens(tag)
  local opened = pcall(vim.cmd.help, tag)
  return opened and vim.bo.buftype == "help"
end

if not (opens("roadmap") and vim.fn.expand("%:t") == "roadmap.txt") then
  table.insert(failures, ":help roadmap does not open roadmap.txt")
end

local text = table.concat(vim.fn.readfile(dir .. "/doc/roadmap.txt"), "\n")
local links, tags = 0, 0
for tag in text:gmatch("%*([%w%-%.:_()]+)%*") do
  tags = tags + 1
end
-- Links are |name| outside code blocks (which are indented or after >).
for line in (text .. "\n"):gmatch("([^\n]*)\n") do
  if not line:match("^%s") then
    for link in line:gmatch("|([^|%s]+)|") do
      links = links + 1
      if not opens(link) then
        table.insert(failures, "the link |" .. link .. "| leads nowhere")
      end
    end
  end
end

if #failures > 0 then
  io.stdout:write("FAILED:\n  ", table.concat(failures, "\n  "), "\n")
  vim.cmd("cquit 1")
end
io.stdout:write(string.format(":help roadmap opens; %d tags, %d links checked\n", tags, links))
vim.cmd("cquit 0")
