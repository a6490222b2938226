-- The `roadmap` filetype: detection and highlighting.
local M = {}

M.filetype = "roadmap"

--- Detects `*.roadmap.toml` as `roadmap` and lets treesitter read it with
--- the TOML parser. Safe to call more than once.
function M.register()
  -- A `pattern`, not an `extension`: Neovim matches extensions on the last
  -- dot only, so `roadmap.toml` as an extension never matches.
  vim.filetype.add({
    pattern = { [".*%.roadmap%.toml"] = M.filetype },
  })
  -- Harmless when no TOML parser is installed; used once one is
  -- (nvim-treesitter's `:TSInstall toml`, or a distribution's package).
  vim.treesitter.language.register("toml", M.filetype)
end

--- Whether a TOML treesitter parser can be loaded.
function M.has_toml_parser()
  local ok, loaded = pcall(vim.treesitter.language.add, "toml")
  return ok and loaded == true
end

--- Highlights a roadmap buffer: treesitter when the TOML parser is there
--- (unless turned off), else the TOML syntax file (see syntax/roadmap.vim).
---@param bufnr integer
function M.highlight(bufnr)
  local use_treesitter = vim.g.roadmap_treesitter ~= false
  if use_treesitter and M.has_toml_parser() then
    pcall(vim.treesitter.start, bufnr, "toml")
  end
end

return M
