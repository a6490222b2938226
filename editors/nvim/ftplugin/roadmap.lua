-- Buffer settings for roadmaps: TOML comments, and treesitter highlighting
-- when a TOML parser is installed.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = true

vim.bo.commentstring = "# %s"
vim.bo.comments = ":#"
vim.b.undo_ftplugin = "setlocal commentstring< comments<"

require("roadmap.filetype").highlight(vim.api.nvim_get_current_buf())
