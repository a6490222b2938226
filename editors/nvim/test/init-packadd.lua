-- A user's init.lua with the plugin as a native package (packer and
-- `:packadd` users), roadmap-lsp on $PATH. run.sh links the plugin to
-- ROADMAP_PACK_DIR/pack/roadmap/opt/roadmap.nvim.
vim.opt.packpath:prepend(os.getenv("ROADMAP_PACK_DIR"))
vim.cmd.packadd("roadmap.nvim")
require("roadmap").setup({
  settings = { today = "2026-11-23", rules = { ["vague-goal"] = "off" } },
})
