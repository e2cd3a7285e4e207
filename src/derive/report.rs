//! `dossier derive` output: derived statistics, key terms and links, or the evaluation against
//! curated statistics, as text lines or JSON. Every string taken from a brief is the document's
//! sanitized text; JSON escapes the rest.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{BriefEvaluation, Derivations, Derived, Evaluation, evaluate_brief};
use crate::corpus::{Brief, Corpus};
use crate::figure::Figure;

/// `path:line:col` of a text offset, as the brief's Markdown file numbers it.
fn position(brief: &Brief, offset: usize) -> (usize, usize) {
    brief.doc.source_position(offset)
}

fn first_offset(figure: &Figure) -> usize {
    figure.mentions().first().map_or(0, |m| m.start)
}

fn figure_json(brief: &Brief, figure: &Derived) -> Value {
    let (line, column) = position(brief, first_offset(figure));
    let mentions: Vec<Value> = figure
        .mentions()
        .iter()
        .map(|m| {
            let (line, column) = position(brief, m.start);
            json!({ "line": line, "column": column, "text": brief.doc.text.get(m.clone()).unwrap_or("") })
        })
        .collect();
    json!({
        "brief": brief.id, "line": line, "column": column,
        "kind": if figure.is_date() { "date" } else { "quantity" },
        "value": figure.value(), "unit": figure.unit(), "qualifier": figure.qualifier.name(),
        "period": figure.period, "measure": figure.measure, "mentions": mentions,
    })
}

/// Every brief's derived statistics, key terms and inferred links.
pub fn listing(corpus: &Corpus, derivations: &Derivations, as_json: bool) -> String {
    if as_json {
        let briefs: Vec<Value> = corpus
            .briefs
            .iter()
            .enumerate()
            .map(|(i, brief)| brief_json(corpus, derivations, i, brief))
            .collect();
        return crate::sanitize::json(&json!({ "briefs": briefs }));
    }
    let mut out = String::new();
    for (i, brief) in corpus.briefs.iter().enumerate() {
        for d in derivations.statistics.get(i).into_iter().flatten() {
            let (line, column) = position(brief, first_offset(d));
            let mentions = match d.mentions().len() {
                0 | 1 => String::new(),
                n => format!(" [{n} mentions]"),
            };
            let _ = writeln!(out, "{}:{line}:{column}: {d}{mentions}", brief.id);
        }
    }
    for (i, brief) in corpus.briefs.iter().enumerate() {
        let terms: Vec<String> = derivations.terms[i]
            .iter()
            .map(|t| format!("{} ({})", t.text, t.mentions.len()))
            .collect();
        let _ = writeln!(out, "{}: key terms: {}", brief.id, terms.join(", "));
        for link in &derivations.links[i] {
            let figures: Vec<String> = link.shared_figures.iter().map(|(v, u)| format!("{v} {u}")).collect();
            let figures = if figures.is_empty() {
                String::new()
            } else {
                format!("; figures {}", figures.join(", "))
            };
            let to = &corpus.briefs[link.to].id;
            let _ = writeln!(
                out,
                "{}: shares with {to}: {}{figures}",
                brief.id,
                link.shared_terms.join(", ")
            );
        }
    }
    out
}

fn brief_json(corpus: &Corpus, derivations: &Derivations, i: usize, brief: &Brief) -> Value {
    let statistics: Vec<Value> = derivations.statistics[i]
        .iter()
        .map(|d| figure_json(brief, d))
        .collect();
    let terms: Vec<Value> = derivations.terms[i]
        .iter()
        .map(|t| {
            let mentions: Vec<Value> = t
                .mentions
                .iter()
                .map(|m| {
                    let (line, column) = position(brief, m.start);
                    json!({ "line": line, "column": column })
                })
                .collect();
            json!({ "text": t.text, "mentions": mentions })
        })
        .collect();
    let links: Vec<Value> = derivations.links[i]
        .iter()
        .map(|l| {
            let figures: Vec<Value> = l
                .shared_figures
                .iter()
                .map(|(v, u)| json!({ "value": v, "unit": u }))
                .collect();
            json!({ "to": corpus.briefs[l.to].id, "shared_terms": l.shared_terms, "shared_figures": figures })
        })
        .collect();
    json!({ "id": brief.id, "statistics": statistics, "key_terms": terms, "links": links })
}

/// Whether every brief is one of the bundled briefs, unchanged: the extractor was written while
/// reading them, so its figures there measure fit.
fn all_bundled(corpus: &Corpus) -> bool {
    let bundled = crate::corpus::load_embedded();
    !corpus.briefs.is_empty()
        && corpus.briefs.iter().all(|b| {
            bundled
                .briefs
                .iter()
                .any(|e| e.id == b.id && e.content_hash() == b.content_hash())
        })
}

/// The evaluation of every brief against its curated statistics, and the total.
pub fn evaluation(corpus: &Corpus, as_json: bool) -> String {
    let results: Vec<BriefEvaluation> = corpus.briefs.iter().map(evaluate_brief).collect();
    let mut total = Evaluation::default();
    for r in &results {
        total.add(&r.evaluation);
    }
    let fit = all_bundled(corpus);
    if as_json {
        let briefs: Vec<Value> = corpus
            .briefs
            .iter()
            .zip(&results)
            .map(|(b, r)| evaluation_json(b, r))
            .collect();
        let value = json!({ "briefs": briefs, "total": totals_json(&total), "bundled_briefs_fit": fit });
        return crate::sanitize::json(&value);
    }
    let mut out = String::new();
    for (brief, r) in corpus.briefs.iter().zip(&results) {
        evaluation_lines(&mut out, brief, r);
    }
    if fit {
        out.push_str(
            "note: these are the bundled briefs the extractor was written against: the figures below measure fit, not how it does on text it has not seen\n",
        );
    }
    totals_lines(&mut out, &total);
    out
}

fn counts_json(e: &Evaluation) -> Value {
    json!({
        "derived": e.derived, "curated": e.curated, "matched": e.matched,
        "qualifier_right": e.qualifier_right, "period_right": e.period_right,
        "quantities": e.quantities, "measure_right": e.measure_right,
    })
}

fn totals_json(e: &Evaluation) -> Value {
    let mut value = counts_json(e);
    if let Value::Object(map) = &mut value {
        for (key, share) in [
            ("precision", e.precision()),
            ("recall", e.recall()),
            ("qualifier", e.qualifier()),
            ("period", e.period()),
            ("measure", e.measure()),
        ] {
            map.insert(key.to_owned(), json!(share));
        }
    }
    value
}

fn evaluation_json(brief: &Brief, r: &BriefEvaluation) -> Value {
    let missed: Vec<Value> = r
        .missed(brief)
        .map(|c| {
            let s = &brief.statistics[c];
            json!({ "id": s.id(), "quote": s.quote(), "figure": s.to_string() })
        })
        .collect();
    let extra: Vec<Value> = r.extra().map(|d| figure_json(brief, &r.derived[d])).collect();
    let mut value = counts_json(&r.evaluation);
    if let Value::Object(map) = &mut value {
        map.insert("id".into(), json!(brief.id));
        map.insert("missed".into(), json!(missed));
        map.insert("extra".into(), json!(extra));
    }
    value
}

fn evaluation_lines(out: &mut String, brief: &Brief, r: &BriefEvaluation) {
    let e = &r.evaluation;
    let _ = writeln!(
        out,
        "{}: {} derived, {} curated, {} matched; qualifier right {}/{}, period right {}/{}, measure right {}/{}",
        brief.id,
        e.derived,
        e.curated,
        e.matched,
        e.qualifier_right,
        e.matched,
        e.period_right,
        e.matched,
        e.measure_right,
        e.quantities
    );
    for c in r.missed(brief) {
        let s = &brief.statistics[c];
        let _ = writeln!(out, "  missed {}: {s}", s.id().unwrap_or(""));
    }
    for d in r.extra() {
        let figure = &r.derived[d];
        let (line, column) = position(brief, first_offset(figure));
        let _ = writeln!(out, "  extra {line}:{column}: {figure}");
    }
    for &(d, c) in &r.pairs {
        let (d, c) = (&r.derived[d], &brief.statistics[c]);
        let mut wrong = Vec::new();
        if d.qualifier != c.qualifier {
            wrong.push(format!(
                "qualifier {} (curated {})",
                d.qualifier.name(),
                c.qualifier.name()
            ));
        }
        if d.period != c.period {
            let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".into());
            wrong.push(format!("period {} (curated {})", show(&d.period), show(&c.period)));
        }
        if !c.is_date() && !super::evaluation::measure_right(d, c) {
            wrong.push(format!(
                "unit {} measure \"{}\" (curated unit {})",
                d.unit(),
                d.measure,
                c.unit()
            ));
        }
        if !wrong.is_empty() {
            let _ = writeln!(out, "  {}: {}", c.id().unwrap_or(""), wrong.join("; "));
        }
    }
}

fn totals_lines(out: &mut String, e: &Evaluation) {
    let _ = writeln!(
        out,
        "precision {:.2} ({}/{} derived match a curated statistic)",
        e.precision(),
        e.matched,
        e.derived
    );
    let _ = writeln!(
        out,
        "recall {:.2} ({}/{} curated found)",
        e.recall(),
        e.matched,
        e.curated
    );
    let _ = writeln!(
        out,
        "qualifier right {:.2} ({}/{} matched)",
        e.qualifier(),
        e.qualifier_right,
        e.matched
    );
    let _ = writeln!(
        out,
        "period right {:.2} ({}/{} matched)",
        e.period(),
        e.period_right,
        e.matched
    );
    let _ = writeln!(
        out,
        "measure names the counted noun {:.2} ({}/{} matched quantities)",
        e.measure(),
        e.measure_right,
        e.quantities
    );
}
