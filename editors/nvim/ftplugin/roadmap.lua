-- Buffer settings for roadmaps: TOML comments, and treesitter highlighting
-- when a TOML parser is installed.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = true

vim.bo.commentstring = "# %s"
vim.bo.comments = ":#"
vim.b.undo_ftplugin = "setlocal commentstring< comments< | delcommand -buffer RoadmapAgenda"

vim.api.nvim_buf_create_user_command(0, "RoadmapAgenda", function()
  require("roadmap").agenda()
end, { desc = "roadmap-lsp: what is overdue or due soon across the workspace's roadmaps" })

require("roadmap.filetype").highlight(vim.api.nvim_get_current_buf())
