-- A user's init.lua on plain Neovim 0.11: the plugin on 'runtimepath' and
-- vim.lsp.enable, with roadmap-lsp found on $PATH (test/run.sh puts it there).
vim.opt.rtp:append(os.getenv("ROADMAP_NVIM_PLUGIN"))
-- Settings as init_options only, as the top-level README shows.
vim.lsp.config("roadmap_lsp", {
  init_options = { today = "2026-11-23", rules = { ["vague-goal"] = "off" } },
})
vim.lsp.enable("roadmap_lsp")
