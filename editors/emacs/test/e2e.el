;;; e2e.el --- Real-editor test of editors/emacs: eglot against roadmap-lsp -*- lexical-binding: t; -*-

;; Run by run.sh as
;;
;;   emacs -Q --batch -l e2e.el ROADMAP-FILE
;;
;; with roadmap-lsp on PATH, ROADMAP_TODAY set, and ROADMAP_EMACS_DIR
;; naming editors/emacs.  Loads roadmap-toml.el as a user's init file does,
;; opens the roadmap (emoji before every checked position), starts eglot
;; from the `eglot-server-programs' entry and checks, the way eglot itself
;; does them: diagnostics in flymake at the right characters, hover,
;; completion of statuses and a quick fix applied by eglot.  Every wait
;; polls a condition with a deadline.  Exits 0 when all pass, 1 on the
;; first failure, after printing what it saw.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defconst e2e-timeout 30.0 "Seconds one wait may take; a wait normally ends in milliseconds.")
(defvar e2e-started (float-time))

(defun e2e-say (format-string &rest args)
  (princ (format "[%6.0f ms] %s\n" (* 1000 (- (float-time) e2e-started))
                 (apply #'format format-string args))))

(define-error 'e2e-failure "check failed")

(defun e2e-fail (format-string &rest args)
  (signal 'e2e-failure (list (apply #'format format-string args))))

(defun e2e-wait (what predicate &optional poke)
  "Return PREDICATE's value once it is non-nil, calling POKE before each poll.
Fails naming WHAT after `e2e-timeout' seconds."
  (let ((deadline (+ (float-time) e2e-timeout))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (when poke (funcall poke))
      (accept-process-output nil 0.02))
    (or value (e2e-fail "timed out after %.0f s waiting for %s" e2e-timeout what))))

;; The user's setup (a block of README.md) was loaded before this file,
;; with eglot's folder on `load-path'.
(require 'eglot)

;; Batch mode has no idle time: wait for the connection, and never let
;; eglot or flymake prompt.
(setq eglot-sync-connect t
      eglot-connect-timeout e2e-timeout
      eglot-autoshutdown t
      eglot-confirm-server-initiated-edits nil)

(defvar e2e-file (car command-line-args-left))
(setq command-line-args-left nil)

;;; Helpers over what eglot and flymake hold.

(defun e2e-code (diagnostic)
  (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic))) :code))

(defun e2e-diagnostics (&optional code)
  "Flymake's diagnostics in the buffer, in buffer order; only CODE's if given."
  (sort (cl-remove-if-not (lambda (d) (or (null code) (equal (e2e-code d) code)))
                          (flymake-diagnostics))
        (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))

(defun e2e-describe (diagnostic)
  (let ((beg (flymake-diagnostic-beg diagnostic))
        (end (flymake-diagnostic-end diagnostic)))
    (format "%s at %d:%d-%d covering %S"
            (e2e-code diagnostic) (line-number-at-pos beg)
            (save-excursion (goto-char beg) (current-column))
            (save-excursion (goto-char end) (current-column))
            (buffer-substring-no-properties beg end))))

(defun e2e-show-diagnostics ()
  (mapconcat (lambda (d) (concat "  " (e2e-describe d))) (e2e-diagnostics) "\n"))

(defun e2e-refresh ()
  "Send edits eglot holds back for idle time, and ask flymake for a report."
  (eglot--signal-textDocument/didChange)
  (flymake-start))

(defun e2e-goto (text &optional offset)
  "Put point OFFSET characters into the first TEXT in the buffer."
  (goto-char (point-min))
  (unless (search-forward text nil t)
    (e2e-fail "the buffer has no %S" text))
  (goto-char (+ (match-beginning 0) (or offset 0))))

(defun e2e-line ()
  (buffer-substring-no-properties (line-beginning-position) (line-end-position)))

(defun e2e-expect-region (code covered line-text)
  "A diagnostic CODE exists that covers exactly COVERED, on the line holding LINE-TEXT."
  (let* ((found (e2e-diagnostics code))
         (right (cl-find-if
                 (lambda (d)
                   (and (equal (buffer-substring-no-properties
                                (flymake-diagnostic-beg d) (flymake-diagnostic-end d))
                               covered)
                        (save-excursion
                          (goto-char (flymake-diagnostic-beg d))
                          (string-match-p (regexp-quote line-text) (e2e-line)))))
                 found)))
    (unless right
      (e2e-fail "no %s diagnostic covers %S on the line with %S; flymake has:\n%s"
                code covered line-text (e2e-show-diagnostics)))
    (e2e-say "%s" (e2e-describe right))
    right))

;;; The test.

(defun e2e-run ()
  (e2e-say "Emacs %s, %s, file %s" emacs-version
           (file-name-nondirectory (directory-file-name (file-name-directory (locate-library "eglot"))))
           e2e-file)
  (find-file e2e-file)
  (unless (eq major-mode 'roadmap-toml-mode)
    (e2e-fail "the roadmap opened in %s, not roadmap-toml-mode" major-mode))
  (let ((original (buffer-string)))

    ;; Connect through the setup's `eglot-ensure' hook, which connects once
    ;; the command that opened the file is over: in batch, no command loop
    ;; runs `post-command-hook', so run it as the loop would.
    (unless (memq #'eglot-ensure roadmap-toml-mode-hook)
      (e2e-fail "roadmap-toml-mode-hook does not run eglot-ensure: %S" roadmap-toml-mode-hook))
    (run-hooks 'post-command-hook)
    (let ((server (e2e-wait "eglot to manage the buffer" #'eglot-current-server)))
      (unless (equal (process-command (jsonrpc--process server)) '("roadmap-lsp"))
        (e2e-fail "eglot started %S, not (\"roadmap-lsp\")" (process-command (jsonrpc--process server))))
      (princ (format "SERVER_PID %d\n" (process-id (jsonrpc--process server))))
      (e2e-say "connected to %s (language id %s)"
               (plist-get (eglot--server-info server) :name)
               (eglot--language-id server)))

    ;; Diagnostics: at the right characters after emoji (UTF-16 columns).
    (e2e-wait "flymake to show nonstandard-status and two unknown-reference"
              (lambda () (and (e2e-diagnostics "nonstandard-status")
                              (= 2 (length (e2e-diagnostics "unknown-reference")))))
              #'e2e-refresh)
    (e2e-say "flymake shows %d diagnostics" (length (e2e-diagnostics)))
    (e2e-expect-region "nonstandard-status" "\"🚀 wip\"" "Write the first talk")
    (e2e-expect-region "unknown-reference" "\"blog\"" "depends_on")
    (e2e-expect-region "unknown-reference" "\"🎸👩‍💻-band\"" "depends_on")

    ;; Hover on `wip', after emoji on its line.
    (e2e-goto "🚀 wip\"" 3)
    (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (text (and hover (eglot--hover-info (plist-get hover :contents)))))
      (unless (and text (string-match-p "means `in-progress`" text)
                   (string-match-p "🚀 wip" text))
        (e2e-fail "hover on wip shows:\n%s" text))
      (e2e-say "hover on wip: %s" (car (split-string text "\n"))))

    ;; Hover on the goal's title: its progress.
    (e2e-goto "Give three" 2)
    (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams)))
           (text (and hover (eglot--hover-info (plist-get hover :contents)))))
      (unless (and text (string-match-p "Give three 30-minute talks" text)
                   (string-match-p "Actions: 0/2 done" text))
        (e2e-fail "hover on the goal's title shows:\n%s" text))
      (e2e-say "hover on the goal: %s" (string-join (seq-take (split-string text "\n" t) 2) " | ")))

    ;; Completion after `status = "', emoji before it on the line, chosen
    ;; the way completion-in-region does: insert, then the exit function.
    (e2e-goto "status = \"todo\"" (length "status = \""))
    (delete-region (point) (line-end-position))
    (let* ((after-quote (point))
           (capf (or (eglot-completion-at-point) (e2e-fail "eglot offers no completion here")))
           (table (nth 2 capf))
           (exit (plist-get (nthcdr 3 capf) :exit-function))
           (offered (all-completions "" table))
           (statuses '("todo" "in-progress" "blocked" "done" "dropped")))
      (unless (cl-every (lambda (s) (member s offered)) statuses)
        (e2e-fail "completion after status = \" offers %S" offered))
      (e2e-say "completion after status = \": %s" (string-join offered ", "))
      (let ((choice (car (member "blocked" offered))))
        (goto-char after-quote)
        (delete-region (nth 0 capf) (nth 1 capf))
        (insert choice)
        (funcall exit choice 'finished))
      (let ((line (e2e-line)))
        (unless (string-match-p "{ task = \"🎸👩‍💻 Book a meetup slot\", due = 2027-01-29, status = \"blocked\"?$" line)
          (e2e-fail "after choosing blocked the line reads:\n%s" line))
        (e2e-say "completed: %s" (string-trim line)))
      ;; Close the table again, as the user would type.
      (end-of-line)
      (unless (looking-back "\"" 1) (insert "\""))
      (insert " },"))
    (e2e-refresh)

    ;; A quick fix, applied by eglot: "🚀 wip" → "in-progress".
    (let* ((diagnostic (e2e-wait "the nonstandard-status diagnostic after the edit"
                                 (lambda () (car (e2e-diagnostics "nonstandard-status")))
                                 #'e2e-refresh))
           (actions (eglot-code-actions (flymake-diagnostic-beg diagnostic)
                                        (flymake-diagnostic-end diagnostic) "quickfix"))
           (titles (mapcar (lambda (a) (plist-get a :title)) actions))
           (fix (cl-find-if (lambda (a) (string-match-p "in-progress" (plist-get a :title))) actions)))
      (unless fix
        (e2e-fail "no quick fix to in-progress for %s; offered: %S" (e2e-describe diagnostic) titles))
      (e2e-say "quick fixes offered: %s" (string-join titles "; "))
      (eglot--read-execute-code-action (list fix) (eglot--current-server-or-lose) "quickfix")
      (e2e-goto "Write the first talk")
      (let ((expected "  { task = \"🎸👩‍💻 Write the first talk's outline\", due = 2026-12-18, status = \"in-progress\" },"))
        (unless (equal (e2e-line) expected)
          (e2e-fail "after the quick fix the line reads\n  %s\nnot\n  %s" (e2e-line) expected)))
      (e2e-say "fixed: %s" (string-trim (e2e-line))))

    ;; Only the two intended lines changed.
    (let ((expected (replace-regexp-in-string
                     (regexp-quote "status = \"🚀 wip\"") "status = \"in-progress\""
                     (replace-regexp-in-string
                      (regexp-quote "due = 2027-01-29, status = \"todo\"")
                      "due = 2027-01-29, status = \"blocked\"" original t t)
                     t t)))
      (unless (equal (buffer-string) expected)
        (e2e-fail "the buffer differs from the original beyond the two edits:\n%s" (buffer-string))))

    ;; The server sees the edits: the warning goes, the others stay put.
    (e2e-wait "nonstandard-status to leave flymake"
              (lambda () (and (null (e2e-diagnostics "nonstandard-status"))
                              (= 2 (length (e2e-diagnostics "unknown-reference")))))
              #'e2e-refresh)
    (e2e-expect-region "unknown-reference" "\"blog\"" "depends_on")
    (e2e-say "nonstandard-status gone; now:\n%s" (e2e-show-diagnostics))

    (let ((server (eglot--current-server-or-lose)))
      (eglot-shutdown server)
      (e2e-wait "the server to be gone"
                (lambda () (not (process-live-p (jsonrpc--process server))))))
    (e2e-say "the server is gone after eglot-shutdown")))

(condition-case failure
    (progn
      (e2e-run)
      (e2e-say "all checks passed")
      (kill-emacs 0))
  (error
   (princ (format "FAILED: %s\n" (if (eq (car failure) 'e2e-failure)
                                      (cadr failure)
                                    (error-message-string failure))))
   (when-let ((buffer (get-file-buffer e2e-file)))
     (with-current-buffer buffer
       (princ (format "flymake diagnostics:\n%s\n" (e2e-show-diagnostics)))
       (when-let ((server (eglot-current-server)))
         (with-current-buffer (jsonrpc-events-buffer server)
           (princ (format "last of eglot's events buffer:\n%s\n"
                          (buffer-substring-no-properties
                           (max (point-min) (- (point-max) 6000)) (point-max))))))))
   (kill-emacs 1)))

;;; e2e.el ends here
