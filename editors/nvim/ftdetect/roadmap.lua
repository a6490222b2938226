-- Sourced when filetype detection starts (and by lazy.nvim for plugins it
-- loads later), for every user of the plugin, with or without setup():
-- `vim.lsp.enable("roadmap_lsp")` alone needs the filetype to exist.
require("roadmap.filetype").register()
