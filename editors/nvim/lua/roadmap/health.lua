-- :checkhealth roadmap
local M = {}

-- Neovim 0.9 and older name these report_*; keep them working there so
-- the "too old" error can be seen.
local health = {
  start = vim.health.start or vim.health.report_start,
  ok = vim.health.ok or vim.health.report_ok,
  info = vim.health.info or vim.health.report_info,
  warn = vim.health.warn or vim.health.report_warn,
  error = vim.health.error or vim.health.report_error,
}
local server_name = "roadmap_lsp"

local INSTALL_FIX = "Install it: `cargo install --locked --path .` in a clone of roadmap-lsp "
  .. "(puts it in ~/.cargo/bin; make sure that is on $PATH), or point the plugin at it: "
  .. 'require("roadmap").setup({ path = "/full/path/to/roadmap-lsp" })'

--- The command the server is started with, as the user configured it.
local function server_cmd()
  local ok, config = pcall(function()
    return vim.lsp.config[server_name]
  end)
  if ok and config and type(config.cmd) == "table" then
    return config.cmd
  end
  return nil
end

local function check_neovim()
  health.start("Neovim")
  local version = vim.version()
  local shown = string.format("%d.%d.%d", version.major, version.minor, version.patch)
  if vim.fn.has("nvim-0.11") == 1 then
    health.ok("Neovim " .. shown)
  else
    health.error("Neovim " .. shown .. " is too old", {
      "Install Neovim 0.11 or newer: the plugin uses vim.lsp.config and vim.lsp.enable.",
    })
  end
end

local function check_filetype()
  health.start("Filetype")
  local detected = vim.filetype.match({ filename = "career.roadmap.toml" })
  if detected == "roadmap" then
    health.ok("*.roadmap.toml files get the `roadmap` filetype")
  else
    health.error("*.roadmap.toml is detected as " .. vim.inspect(detected), {
      "Put the plugin's folder (editors/nvim) on 'runtimepath', or call require(\"roadmap\").setup().",
    })
  end
  if require("roadmap.filetype").has_toml_parser() then
    health.ok("TOML treesitter parser found: roadmaps are highlighted with treesitter")
  else
    health.info("No TOML treesitter parser: roadmaps use Vim's TOML syntax highlighting "
      .. "(`:TSInstall toml` with nvim-treesitter for treesitter highlighting)")
  end
end

--- Returns the server's path when it can be run, after reporting on it.
local function check_binary()
  health.start("Server binary")
  local cmd = server_cmd()
  if not cmd then
    health.error("No `roadmap_lsp` server configuration found", {
      "Put the plugin's folder (editors/nvim) on 'runtimepath': it holds lsp/roadmap_lsp.lua.",
    })
    return
  end
  local path = vim.fn.exepath(cmd[1])
  if path == "" then
    health.error(string.format("`%s` was not found or is not executable", cmd[1]), { INSTALL_FIX })
    return
  end
  health.ok("Found " .. path)

  local ok, result = pcall(function()
    return vim.system({ path, "--version" }, { text = true }):wait(5000)
  end)
  if not ok then
    health.error("Could not run `" .. path .. " --version`: " .. tostring(result), { INSTALL_FIX })
  elseif result.code ~= 0 then
    health.error(
      string.format("`%s --version` failed (exit %s): %s", path, tostring(result.code), vim.trim(result.stderr or "")),
      { "Is it the roadmap-lsp binary? " .. INSTALL_FIX }
    )
  else
    health.ok("Version: " .. vim.trim(result.stdout))
  end
end

--- The buffer the user ran :checkhealth from (the health report opens in a
--- new tab or split and becomes the current buffer).
local function buffer_checked_from()
  local previous_window = vim.fn.win_getid(vim.fn.winnr("#"))
  if previous_window ~= 0 and previous_window ~= vim.api.nvim_get_current_win() then
    return vim.api.nvim_win_get_buf(previous_window)
  end
  local previous_tab = vim.fn.tabpagenr("#")
  if previous_tab > 0 then
    local tab = vim.api.nvim_list_tabpages()[previous_tab]
    if tab then
      return vim.api.nvim_win_get_buf(vim.api.nvim_tabpage_get_win(tab))
    end
  end
  return nil
end

local function check_clients()
  health.start("Language server")
  local enabled = vim.lsp.is_enabled and vim.lsp.is_enabled(server_name)
  if vim.lsp.is_enabled and not enabled then
    health.warn("`roadmap_lsp` is not enabled", {
      'Call require("roadmap").setup(), or vim.lsp.enable("roadmap_lsp") in your init.lua.',
    })
  end

  local roadmap_buffers = {}
  local from = buffer_checked_from()
  if from and vim.api.nvim_buf_is_valid(from) and vim.bo[from].filetype == "roadmap" then
    table.insert(roadmap_buffers, from)
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if bufnr ~= from and vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "roadmap" then
      table.insert(roadmap_buffers, bufnr)
    end
  end
  if #roadmap_buffers == 0 then
    health.info("No roadmap buffer is open: open a *.roadmap.toml file and run :checkhealth roadmap again to check the client")
    return
  end

  for _, bufnr in ipairs(roadmap_buffers) do
    local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":~:.")
    local label = string.format("%s (buffer %d%s)", name, bufnr, bufnr == from and ", current" or "")
    local clients = vim.lsp.get_clients({ bufnr = bufnr, name = server_name })
    local client = clients[1]
    if client then
      local info = client.server_info or {}
      health.ok(string.format(
        "%s: client %d attached (%s %s), root %s",
        label,
        client.id,
        info.name or server_name,
        info.version or "",
        client.root_dir or "none (single file)"
      ))
    else
      health.warn(label .. ": no roadmap_lsp client attached", {
        "Check the server binary above.",
        "Look for start errors in the LSP log: " .. vim.lsp.get_log_path(),
        'Make sure the server is enabled: require("roadmap").setup() or vim.lsp.enable("roadmap_lsp").',
      })
    end
  end
end

function M.check()
  check_neovim()
  if vim.fn.has("nvim-0.11") == 0 then
    return -- the rest uses 0.11's vim.lsp.config
  end
  check_filetype()
  check_binary()
  check_clients()
end

return M
