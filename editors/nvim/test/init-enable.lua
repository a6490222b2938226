-- A user's init.lua on plain Neovim 0.11: the plugin on 'runtimepath' and
-- vim.lsp.enable, with roadmap-lsp found on $PATH (test/run.sh puts it there).
vim.opt.rtp:append(os.getenv("ROADMAP_NVIM_PLUGIN"))
vim.lsp.config("roadmap_lsp", {
  init_options = { today = "2026-11-23" },
  settings = { roadmap = { today = "2026-11-23" } },
})
vim.lsp.enable("roadmap_lsp")
