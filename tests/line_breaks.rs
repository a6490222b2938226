//! One line model: a file written with `\r\n` or with lone `\r` (old Mac
//! editors, some generators) gets the same completions, fixes and allow
//! comments as the same file written with `\n`, and the edits keep its
//! line break.

mod common;

use roadmap_lsp::config::Settings;
use roadmap_lsp::ide::TextEdit;
use roadmap_lsp::ide::actions::code_actions;
use roadmap_lsp::ide::completion::completions;
use roadmap_lsp::span::Span;

const PLAN: &str = "[roadmap]\nvision = \"Staff engineer at a product company by 2029\"\n\n# roadmap: allow(missing-deadline)\n[[goals]]\nid = \"talks\"\ntitle = \"Give 4 talks at meetups by June\"\nstatus = \"WIP\"\nwhy = \"visibility\"\n\n\n[[go";

const BREAKS: [&str; 3] = ["\n", "\r\n", "\r"];

fn analyze(text: &str) -> roadmap_lsp::Analysis {
    let today = roadmap_lsp::dates::parse_date(common::TODAY).expect("a date");
    roadmap_lsp::analyze(text, today, &Settings::default())
}

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.span.start()));
    let mut out = text.to_string();
    for edit in sorted {
        out.replace_range(edit.span.range(), &edit.text);
    }
    out
}

#[test]
fn completion_is_the_same_whatever_the_line_break() {
    let labels = |eol: &str, at: &str, ahead: usize| {
        let text = PLAN.replace('\n', eol);
        let offset = text.find(at).expect("the marker") + ahead;
        completions(&analyze(&text), &text, offset)
            .into_iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
    };
    // On the blank line after `why`, and after the half-typed `[[go`.
    let blank = |eol: &str| {
        labels(
            eol,
            &format!("visibility\"{eol}"),
            "visibility\"".len() + eol.len(),
        )
    };
    let header = |eol: &str| labels(eol, "[[go", 4);
    let on_blank = blank("\n");
    let after_header = header("\n");
    assert!(on_blank.len() > 5, "{on_blank:?}");
    assert!(!after_header.is_empty());
    for eol in BREAKS {
        assert_eq!(blank(eol), on_blank, "{eol:?}");
        assert_eq!(header(eol), after_header, "{eol:?}");
    }
}

#[test]
fn fixes_and_allow_comments_follow_the_files_line_break() {
    let codes = |eol: &str| {
        let text = PLAN.replace('\n', eol);
        let analysis = analyze(&text);
        let mut codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.rule.code()).collect();
        codes.sort();
        codes.dedup();
        codes.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let expected = codes("\n");
    // The allow comment covers the goal's missing deadline in every form.
    assert!(
        !expected.iter().any(|c| c == "missing-deadline"),
        "{expected:?}"
    );
    for eol in BREAKS {
        let text = PLAN.replace('\n', eol);
        assert_eq!(codes(eol), expected, "{eol:?}");
        // Every fix offered on the goal leaves a file with the same line
        // break throughout, and no new syntax error.
        let analysis = analyze(&text);
        let goal = text.find("[[goals]]").expect("the goal");
        let errors_before = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == roadmap_lsp::Rule::SyntaxError)
            .count();
        for assist in code_actions(&analysis, &text, Span::new(goal, text.len())) {
            let after = apply(&text, &assist.edits);
            let other_breaks = match eol {
                "\n" => after.contains('\r'),
                "\r\n" => after.replace("\r\n", "").contains(['\r', '\n']),
                _ => after.contains('\n'),
            };
            assert!(!other_breaks, "{:?} with {eol:?}: {after:?}", assist.title);
            let errors_after = analyze(&after)
                .diagnostics
                .iter()
                .filter(|d| d.rule == roadmap_lsp::Rule::SyntaxError)
                .count();
            assert!(
                errors_after <= errors_before,
                "{:?} with {eol:?}: {after:?}",
                assist.title
            );
        }
    }
}
