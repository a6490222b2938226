-- The roadmap-lsp server for Neovim 0.11's `vim.lsp.config` / `vim.lsp.enable`.
--
-- Used as is by `vim.lsp.enable("roadmap_lsp")`; override any field with
-- `vim.lsp.config("roadmap_lsp", { cmd = { "/path/to/roadmap-lsp" } })`.
-- `require("roadmap").setup()` fills the same fields from its options.

---@type vim.lsp.Config
return {
  -- No arguments: the server speaks LSP on stdin/stdout.
  cmd = { "roadmap-lsp" },
  filetypes = { "roadmap" },
  -- The repository's roadmap-lsp.toml (the settings CI enforces), else the
  -- git root, else the file's own folder (single-file mode).
  root_markers = { "roadmap-lsp.toml", ".git" },
  -- The server's settings (today, rules, limits, vague, inlayHints,
  -- codeLens; see :help roadmap-settings), read at start.
  init_options = vim.empty_dict(),
  -- No `settings` here on purpose: Neovim sends a non-empty `settings` to
  -- the server right after start, and the server's `roadmap` section then
  -- replaces its init_options. Whoever sets `settings = { roadmap = ... }`
  -- must give it the same table as init_options.
}
