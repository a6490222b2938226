" Roadmaps are TOML: without treesitter, highlight them with Vim's TOML syntax.
if exists("b:current_syntax")
  finish
endif
runtime! syntax/toml.vim
unlet! b:current_syntax
let b:current_syntax = "roadmap"
