-- roadmap.nvim: Neovim support for roadmap-lsp (*.roadmap.toml files).
--
--   require("roadmap").setup({
--     cmd = { "roadmap-lsp" },          -- or path = "/path/to/roadmap-lsp"
--     settings = { rules = { ["vague-goal"] = "off" } },
--   })
--
-- Plain Neovim 0.11 users can skip this and call vim.lsp.enable("roadmap_lsp").
local M = {}

--- The name of the server's `vim.lsp.config` entry (lsp/roadmap_lsp.lua).
M.server_name = "roadmap_lsp"

---@class roadmap.Options
---@field cmd? string[] How to start the server. Default { "roadmap-lsp" }.
---@field path? string The server binary; shorthand for cmd = { path }.
---@field settings? table The server's settings: today, rules, limits, vague, inlayHints, codeLens.
---@field inlay_hints? boolean Show inlay hints in roadmap buffers. Default true.
---@field code_lens? boolean Show code lenses over goals. Default true.
---@field treesitter? boolean Highlight with the TOML treesitter parser when installed. Default true.
---@field enable? boolean Start the server for roadmap buffers now. Default true.

---@type roadmap.Options
M.defaults = {
  cmd = nil,
  path = nil,
  settings = {},
  inlay_hints = true,
  code_lens = true,
  treesitter = true,
  enable = true,
}

---@type roadmap.Options
M.options = vim.deepcopy(M.defaults)

local function notify(message, level)
  vim.notify("roadmap.nvim: " .. message, level or vim.log.levels.ERROR)
end

--- Turns on inlay hints and code lenses in a buffer the server attached to.
local function on_attach(client, bufnr)
  if M.options.inlay_hints and client:supports_method("textDocument/inlayHint") then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
  if M.options.code_lens and client:supports_method("textDocument/codeLens") then
    -- Neovim shows code lenses only when asked: ask on attach and whenever
    -- the text may have settled.
    vim.lsp.codelens.refresh({ bufnr = bufnr })
    vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
      group = vim.api.nvim_create_augroup("roadmap.codelens." .. bufnr, { clear = true }),
      buffer = bufnr,
      callback = function()
        vim.lsp.codelens.refresh({ bufnr = bufnr })
      end,
    })
  end
end

--- Shows the server's agenda (the `roadmap.agenda` command) of every
--- roadmap under the client's workspace folders, open buffers with their
--- unsaved edits, in a Markdown scratch buffer. `:RoadmapAgenda` in roadmap
--- buffers.
---@param on_shown? fun(bufnr: integer) Called with the agenda's buffer.
function M.agenda(on_shown)
  local client = vim.lsp.get_clients({ name = M.server_name })[1]
  if not client then
    notify("roadmap-lsp is not running: open a *.roadmap.toml first")
    return
  end
  local folders = {}
  for _, folder in ipairs(client.workspace_folders or {}) do
    table.insert(folders, folder.uri)
  end
  local params = { command = "roadmap.agenda", arguments = folders }
  client:request("workspace/executeCommand", params, function(err, result)
    if err then
      notify("roadmap.agenda failed: " .. tostring(err.message))
      return
    end
    vim.cmd("botright new")
    local bufnr = vim.api.nvim_get_current_buf()
    vim.bo[bufnr].buftype = "nofile"
    vim.bo[bufnr].bufhidden = "wipe"
    vim.bo[bufnr].swapfile = false
    vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, vim.split(result or "", "\n", { plain = true }))
    vim.bo[bufnr].modifiable = false
    vim.bo[bufnr].filetype = "markdown"
    if on_shown then
      on_shown(bufnr)
    end
  end)
end

---@param opts? roadmap.Options
function M.setup(opts)
  -- First, before any 0.11-only call, so older versions get this message.
  if vim.fn.has("nvim-0.11") == 0 then
    notify("needs Neovim 0.11 or newer (vim.lsp.config); see :checkhealth roadmap")
    return
  end

  opts = opts or {}
  vim.validate("opts", opts, "table")
  vim.validate("opts.cmd", opts.cmd, "table", true)
  vim.validate("opts.path", opts.path, "string", true)
  vim.validate("opts.settings", opts.settings, "table", true)

  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts)
  vim.g.roadmap_treesitter = M.options.treesitter

  require("roadmap.filetype").register()

  -- The same table twice: init_options is read at start, and the `roadmap`
  -- section (sent by Neovim after start and on request) replaces it.
  local config = { init_options = vim.empty_dict() }
  if next(M.options.settings) then
    config.init_options = M.options.settings
    config.settings = { roadmap = M.options.settings }
  end
  if M.options.cmd then
    config.cmd = M.options.cmd
  elseif M.options.path then
    config.cmd = { M.options.path }
  end
  -- Merged over lsp/roadmap_lsp.lua from this plugin's runtime directory.
  vim.lsp.config(M.server_name, config)

  vim.api.nvim_create_autocmd("LspAttach", {
    group = vim.api.nvim_create_augroup("roadmap.attach", { clear = true }),
    callback = function(event)
      local client = vim.lsp.get_client_by_id(event.data.client_id)
      if client and client.name == M.server_name then
        on_attach(client, event.buf)
      end
    end,
  })

  if M.options.enable then
    vim.lsp.enable(M.server_name)
  end
end

return M
