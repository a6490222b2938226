// The server's settings, built from VS Code's `roadmap.*` settings. The
// server reads the keys of roadmap-lsp.toml (see src/lsp/settings.rs), so
// camelCase VS Code names are mapped to them here.

import * as vscode from "vscode";

export interface ServerSettings {
  today?: string;
  rules?: Record<string, string>;
  limits?: { "max-active-goals"?: number };
  vague?: { "extra-words"?: string[]; "min-words"?: number };
  format?: { "reorder-keys"?: boolean };
  inlayHints: boolean;
  codeLens: boolean;
}

export function serverSettings(scopeUri?: string): ServerSettings {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const config = vscode.workspace.getConfiguration("roadmap", scope);
  const settings: ServerSettings = {
    inlayHints: config.get<boolean>("inlayHints", true),
    codeLens: config.get<boolean>("codeLens", true),
  };
  const today = config.get<string | null>("today", null);
  if (today) {
    settings.today = today.trim();
  }
  const rules = config.get<Record<string, string>>("rules", {});
  if (rules && Object.keys(rules).length > 0) {
    settings.rules = rules;
  }
  const maxActiveGoals = config.get<number | null>("limits.maxActiveGoals", null);
  if (typeof maxActiveGoals === "number") {
    settings.limits = { "max-active-goals": maxActiveGoals };
  }
  const extraWords = config.get<string[]>("vague.extraWords", []);
  const minWords = config.get<number | null>("vague.minWords", null);
  if (extraWords.length > 0 || typeof minWords === "number") {
    settings.vague = {};
    if (extraWords.length > 0) {
      settings.vague["extra-words"] = extraWords;
    }
    if (typeof minWords === "number") {
      settings.vague["min-words"] = minWords;
    }
  }
  const reorderKeys = config.get<boolean | null>("format.reorderKeys", null);
  if (typeof reorderKeys === "boolean") {
    settings.format = { "reorder-keys": reorderKeys };
  }
  return settings;
}
