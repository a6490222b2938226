-- A user's init.lua using the plugin's setup() (what editors/nvim/README.md
-- shows), with the paths given by test/run.sh.
vim.opt.rtp:append(os.getenv("ROADMAP_NVIM_PLUGIN"))
require("roadmap").setup({
  path = os.getenv("ROADMAP_LSP"),
  settings = { today = "2026-11-23", rules = { ["vague-goal"] = "off" } },
})
