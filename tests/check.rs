//! `dossier check` on fixtures of valid and invalid briefs: every diagnostic is asserted exactly.
//! Each folder in tests/fixtures/invalid has an `expected.out` with the full report.
//! Set DOSSIER_BLESS=1 to rewrite them (and then read every line before committing).

use std::fs;
use std::path::Path;

use dossier::cli;
use dossier::corpus::{self, Severity};

fn report(folder: &str) -> cli::Output {
    cli::check(&corpus::load_path(Path::new(folder)), false)
}

#[test]
fn each_invalid_fixture_reports_exactly_its_expected_diagnostics() {
    let mut cases: Vec<_> = fs::read_dir("tests/fixtures/invalid")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 9, "fixtures missing: {cases:?}");
    for case in cases {
        let folder = case.to_str().unwrap();
        let out = report(folder);
        let expected_path = case.join("expected.out");
        if std::env::var_os("DOSSIER_BLESS").is_some() {
            fs::write(&expected_path, &out.stdout).unwrap();
        }
        let expected = fs::read_to_string(&expected_path).unwrap();
        assert_eq!(out.stdout, expected, "{folder}");
        let clean = out.stdout.contains(": 0 errors");
        assert_eq!(
            out.code,
            i32::from(!clean),
            "{folder}: exit code follows the error count"
        );
    }
}

#[test]
fn valid_fixture_is_clean_and_links_both_ways() {
    let corpus = corpus::load_path(Path::new("tests/fixtures/valid"));
    let out = cli::check(&corpus, false);
    assert_eq!(
        out.stdout,
        "2 briefs, 2 claims, 1 statistic, 1 cross-reference: 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
    let beta = corpus.brief("beta").unwrap();
    assert_eq!(beta.backlinks.len(), 1);
    assert_eq!(beta.backlinks[0].from_brief, "alpha");
    assert_eq!(beta.backlinks[0].from_claim, "border-hard");
    let alpha = corpus.brief("alpha").unwrap();
    let claim = alpha.claim("border-hard").unwrap();
    assert_eq!(
        &alpha.doc.text[claim.anchor.clone().unwrap()],
        "The border is long and hard to guard."
    );
    let stat = &alpha.statistics[0];
    assert_eq!(&alpha.doc.text[stat.anchor.clone().unwrap()], "over 650 in 2023");
    assert_eq!(
        (stat.value(), stat.qualifier, stat.period.as_deref()),
        (Some(650.0), dossier::figure::Qualifier::Over, Some("2023"))
    );
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let out = report("tests/fixtures/no-such-folder");
    assert_eq!(
        out.stdout,
        "tests/fixtures/no-such-folder:1:1: error: cannot open: no such file or folder\n\
         0 briefs, 0 claims, 0 statistics, 0 cross-references: 1 error, 0 warnings\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn a_single_file_loads_alone_and_its_outside_links_are_warnings() {
    let corpus = corpus::load_path(Path::new("tests/fixtures/valid/alpha.md"));
    assert_eq!(corpus.briefs.len(), 1);
    let out = cli::check(&corpus, false);
    assert_eq!(
        out.stdout,
        "tests/fixtures/valid/alpha.toml:20:1: warning: cross-reference to brief `beta`, which does not exist\n\
         1 brief, 1 claim, 1 statistic, 0 cross-references: 0 errors, 1 warning\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn broken_briefs_do_not_stop_the_others_loading() {
    let corpus = corpus::load_path(Path::new("tests/fixtures/invalid/fields"));
    assert_eq!(corpus.briefs.len(), 1);
    let brief = &corpus.briefs[0];
    // The claim with an unknown field still loads nothing false: it has no quote, so it is dropped,
    // while the good claim and the statistic's siblings are kept.
    assert_eq!(
        brief.claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["Bad Id"]
    );
    assert!(corpus.diagnostics.iter().any(|d| d.severity == Severity::Error));
}

#[test]
fn control_characters_never_survive_loading() {
    let corpus = corpus::load_path(Path::new("tests/fixtures/invalid/controls"));
    let brief = &corpus.briefs[0];
    let all = format!(
        "{}{}{}{}",
        brief.meta.title,
        brief.doc.text,
        brief.summary.as_deref().unwrap_or(""),
        brief.claims.iter().map(|c| c.text.clone()).collect::<String>()
    );
    assert!(all.contains('\u{241b}'), "ESC shown as a visible placeholder: {all:?}");
    for c in all.chars() {
        let code = c as u32;
        assert!(
            c == '\n' || !(code < 0x20 || (0x7f..=0x9f).contains(&code)),
            "control {code:#x} in {all:?}"
        );
    }
}

#[test]
fn check_json_has_the_counts() {
    let out = cli::check(&corpus::load_path(Path::new("tests/fixtures/valid")), true);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["briefs"], 2);
    assert_eq!(value["statistics"], 1);
    assert_eq!(value["errors"], 0);
    assert_eq!(value["diagnostics"].as_array().unwrap().len(), 0);
    let bad = cli::check(
        &corpus::load_path(Path::new("tests/fixtures/invalid/duplicate-ids")),
        true,
    );
    let value: serde_json::Value = serde_json::from_str(&bad.stdout).unwrap();
    assert_eq!(value["diagnostics"][0]["severity"], "error");
    assert_eq!(value["diagnostics"][0]["line"], 9);
}

#[test]
fn list_prints_one_line_per_brief() {
    let out = cli::list(&corpus::load_path(Path::new("tests/fixtures/valid")), false);
    assert_eq!(
        out.stdout,
        "alpha  2024-05-01  op-ed       Alpha brief  (1 claim, 1 statistic, 1 link)\n    \
         about the source: A fixture.\n\
         beta   -           commentary  Beta brief  (1 claim, 0 statistics, 1 link)\n"
    );
    let json = cli::list(&corpus::load_path(Path::new("tests/fixtures/valid")), true);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value[0]["id"], "alpha");
    assert_eq!(value[1]["backlinks"], 1);
    assert_eq!(value[0]["source_notes"], "A fixture.");
}

#[test]
fn list_and_export_say_when_a_headline_does_not_match_its_body() {
    let reader = corpus::load_path(Path::new("tests/fixtures/reader"));
    let out = cli::list(&reader, false);
    let line = out.stdout.lines().find(|l| l.starts_with("dam-dispute")).unwrap();
    assert!(line.contains("[headline ≠ body] Why the Harbour"), "{line}");
    assert!(out.stdout.contains("about the source: The headline is about a harbour"));
    let json: serde_json::Value = serde_json::from_str(&cli::list(&reader, true).stdout).unwrap();
    assert_eq!(json[0]["flags"][0], "headline-mismatch");
    let digest = dossier::export::digest(&reader, &[], false);
    let section = digest.split("## Why the Harbour").nth(1).unwrap();
    assert!(
        section.contains("headline ≠ body") && section.contains("About the source: The headline is about a harbour"),
        "{section}"
    );
}

#[test]
fn bundled_briefs_check_clean_and_match_the_embedded_copy() {
    let on_disk = corpus::load_path(Path::new("briefs"));
    let out = cli::check(&on_disk, false);
    assert!(out.stdout.ends_with(": 0 errors, 0 warnings\n"), "{}", out.stdout);
    assert_eq!(on_disk.briefs.len(), 5);
    let embedded = corpus::load_embedded();
    assert_eq!(embedded.summary_line(), on_disk.summary_line());
    for (a, b) in embedded.briefs.iter().zip(&on_disk.briefs) {
        assert_eq!((a.id.as_str(), a.content_hash()), (b.id.as_str(), b.content_hash()));
    }
    for brief in &on_disk.briefs {
        assert!(
            brief.claims.len() >= 6,
            "{} has {} claims",
            brief.id,
            brief.claims.len()
        );
        assert!(brief.claims.iter().all(|c| c.anchor.is_some()));
        assert!(brief.statistics.iter().all(|s| s.anchor.is_some()));
    }
}

#[test]
fn search_prints_grep_lines_and_exits_like_grep() {
    use dossier::search::Scope;
    let corpus = corpus::load_path(Path::new("tests/fixtures/valid"));
    let out = cli::search(&corpus, "border", false, Scope::Text, false);
    assert_eq!(out.stdout, "alpha:13:5: The border is long and hard to guard.\n");
    assert_eq!(out.code, 0);
    let none = cli::search(&corpus, "nowhere", false, Scope::Text, false);
    assert_eq!((none.stdout.as_str(), none.code), ("", 1));
    let bad = cli::search(&corpus, "(", true, Scope::Text, false);
    assert_eq!(bad.code, 2);
    assert!(bad.stdout.contains("does not compile"));
    let json = cli::search(&corpus, "FENCE|border", true, Scope::Text, true);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    // Smart case: a capital makes the search case-sensitive, so only the lower-case "border" matches.
    assert_eq!(value.as_array().unwrap().len(), 1);
    assert_eq!(value[0]["match"], "border");
    let json = cli::search(&corpus, "fence|border", true, Scope::Text, true);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value[1]["brief"], "beta");
    assert_eq!(value[1]["match"], "fence");
    assert_eq!(value[1]["source"]["in"], "text");
}

#[test]
fn a_renamed_brief_is_found_by_its_old_id_and_keeps_its_links_and_flags() {
    let corpus = corpus::load_path(Path::new("tests/fixtures/invalid/aliases"));
    let renamed = corpus.index_of("renamed").unwrap();
    assert_eq!(corpus.index_of("old-name"), Some(renamed), "an alias finds the brief");
    let brief = &corpus.briefs[renamed];
    assert_eq!(brief.backlinks.len(), 1, "a link made to the old id arrives");
    assert_eq!(
        brief.backlinks[0].to_brief, "renamed",
        "and names the brief by its id now"
    );
    assert_eq!(brief.meta.flags, [corpus::SourceFlag::TitleSupplied]);
    let other = corpus.brief("other").unwrap();
    assert_eq!(other.meta.flags, [corpus::SourceFlag::HeadlineMismatch]);
}

#[test]
fn an_unknown_theme_on_the_command_line_is_an_error_before_the_terminal_is_touched() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--theme", "nosuch"])
        .env("DOSSIER_CONFIG_DIR", "/nonexistent-dossier-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no theme named `nosuch` (known: dark, high-contrast, light)"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing was drawn");
}
