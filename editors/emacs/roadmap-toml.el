;;; roadmap-toml.el --- Roadmaps (*.roadmap.toml) checked by roadmap-lsp -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, tools
;; URL: https://github.com/roadmap-lsp/roadmap-lsp/tree/main/editors/emacs
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; A major mode for career and work roadmaps, files named *.roadmap.toml,
;; and the eglot entry that runs the roadmap-lsp language server for it:
;; diagnostics through flymake, hover through eldoc, completion, quick
;; fixes (M-x eglot-code-actions) and the rest.
;;
;;   (require 'roadmap-toml)
;;   (add-hook 'roadmap-toml-mode-hook #'eglot-ensure)
;;
;; The mode derives from `conf-toml-mode', so roadmaps keep TOML
;; highlighting and comment commands.  See README.md next to this file.

;;; Code:

(require 'conf-mode)

;;;###autoload
(define-derived-mode roadmap-toml-mode conf-toml-mode "Roadmap"
  "Major mode for roadmaps (*.roadmap.toml), checked by roadmap-lsp.
Start the language server with \\[eglot], or on every roadmap with
  (add-hook \\='roadmap-toml-mode-hook #\\='eglot-ensure)")

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.roadmap\\.toml\\'" . roadmap-toml-mode))

;; The server speaks LSP over stdin and stdout with no arguments; eglot
;; sends the language id "roadmap-toml", from the mode's name.
;;;###autoload
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(roadmap-toml-mode "roadmap-lsp")))

(provide 'roadmap-toml)
;;; roadmap-toml.el ends here
