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
  -- The server reads its settings from `initializationOptions` at start and
  -- from the `roadmap` section afterwards (workspace/configuration and
  -- didChangeConfiguration). Keep the two the same: each one replaces the
  -- other. Keys are the server's: today, rules, limits, vague, inlayHints,
  -- codeLens (see :help roadmap-settings).
  init_options = vim.empty_dict(),
  settings = { roadmap = vim.empty_dict() },
}
