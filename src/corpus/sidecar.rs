//! The annotation sidecar `<id>.toml`: summary, claims, statistics and cross-references.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::anchor::{Anchoring, FoldedText, Selector};
use super::diagnostic::Diagnostic;
use super::document::Document;
use super::fields::{Fields, TomlSource, is_period};
use super::{Claim, Relation, Statistic};
use crate::figure::{Amount, Provenance, Qualifier};
use crate::sanitize::sanitize_line;

/// A cross-reference as written, before the corpus is complete enough to resolve it.
#[derive(Debug, Clone)]
pub struct RawCrossRef {
    pub from_claim: String,
    pub target: String,
    pub relation: Relation,
    pub note: Option<String>,
    pub position: (usize, usize),
}

#[derive(Debug, Default)]
pub struct Sidecar {
    pub summary: Option<String>,
    pub claims: Vec<Claim>,
    pub statistics: Vec<Statistic>,
    pub crossrefs: Vec<RawCrossRef>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct Raw {
    summary: Option<Spanned<toml::Value>>,
    #[serde(default)]
    claims: Vec<Spanned<toml::Table>>,
    #[serde(default)]
    statistics: Vec<Spanned<toml::Table>>,
    #[serde(default)]
    crossrefs: Vec<Spanned<toml::Table>>,
}

/// A sidecar may hold at most this many claims, this many statistics and this many
/// cross-references. Past it, the first extra item is reported (naming the file and its line) and
/// it and the rest of its kind are ignored: each item is checked and its quote placed in the brief,
/// so a sidecar of a hundred thousand would keep `check` and the reader busy for long.
pub const ITEM_LIMIT: usize = 10_000;

const TOP_LEVEL: &[&str] = &["summary", "claims", "statistics", "crossrefs"];
const CLAIM_FIELDS: &[&str] = &["id", "text", "quote", "topics"];
const STATISTIC_FIELDS: &[&str] = &["id", "value", "unit", "measure", "qualifier", "period", "quote", "note"];
const CROSSREF_FIELDS: &[&str] = &["from", "to", "relation", "note"];

/// Parses a sidecar and anchors its quotes in `doc`.
pub fn parse(path: &str, text: &str, doc: &Document, folded: &FoldedText) -> Sidecar {
    let source = TomlSource::new(path, text, 0, text);
    let mut out = Sidecar::default();
    let top: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(source.parse_error(&e, "invalid TOML"));
            return out;
        }
    };
    for key in top.keys().filter(|k| !TOP_LEVEL.contains(&k.as_str())) {
        let position = source.key_position(&(0..text.len()), key);
        out.diagnostics.push(source.error(
            position,
            format!("unknown field `{key}` (expected one of: {})", TOP_LEVEL.join(", ")),
        ));
    }
    let mut raw: Raw = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            out.diagnostics.push(source.parse_error(&e, "wrong shape"));
            return out;
        }
    };
    match raw.summary {
        None => out.diagnostics.push(source.error((1, 1), "missing field `summary`")),
        Some(s) => {
            let position = source.position(s.span().start);
            match s.into_inner() {
                toml::Value::String(summary) => {
                    if summary
                        .chars()
                        .any(|c| !c.is_whitespace() && crate::sanitize::is_unsafe(c))
                    {
                        out.diagnostics.push(source.warning(
                            position,
                            "field `summary` holds a control character; it is shown as a placeholder",
                        ));
                    }
                    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
                    let sentences = crate::text::sentences(&summary).len();
                    if summary.is_empty() {
                        // A freshly imported brief: not an error, but not a summary either.
                        out.diagnostics.push(
                            source.warning(position, "summary is empty: write 3 to 6 sentences in your own words"),
                        );
                    } else if !(3..=6).contains(&sentences) {
                        out.diagnostics.push(source.warning(
                            position,
                            format!(
                                "summary has {sentences} {}; 3 to 6 are expected",
                                super::plural(sentences, "sentence", "sentences")
                            ),
                        ));
                    }
                    out.summary = (!summary.is_empty()).then(|| sanitize_line(&summary));
                }
                other => out.diagnostics.push(source.error(
                    position,
                    format!("field `summary` must be a string, not {}", other.type_str()),
                )),
            }
        }
    }
    // toml spans an array-of-tables element by its `[[...]]` header only: an item runs to the next
    // header, found by binary search in the sorted header offsets.
    let mut headers: Vec<usize> = [&raw.claims, &raw.statistics, &raw.crossrefs]
        .iter()
        .flat_map(|items| items.iter().map(|i| i.span().start))
        .collect();
    headers.sort_unstable();
    let region = |item: &Spanned<toml::Table>| {
        let start = item.span().start;
        let next = headers.partition_point(|&h| h <= start);
        start..headers.get(next).copied().unwrap_or(text.len())
    };
    for (items, what) in [
        (&mut raw.claims, "claims"),
        (&mut raw.statistics, "statistics"),
        (&mut raw.crossrefs, "cross-references"),
    ] {
        if let Some(first_extra) = items.get(ITEM_LIMIT) {
            out.diagnostics.push(source.error(
                source.position(first_extra.span().start),
                format!(
                    "too many {what}: {} (the limit is {ITEM_LIMIT} of each kind); this one and those after it are ignored",
                    items.len()
                ),
            ));
            items.truncate(ITEM_LIMIT);
        }
    }
    let mut ids = HashSet::new();
    for item in raw.claims {
        let span = region(&item);
        let mut fields = item_fields(&source, item, span, "claim");
        if let Some(claim) = read_claim(&mut fields, doc, folded) {
            check_unique(&mut fields, &mut ids, &claim.id);
            out.claims.push(claim);
        }
        out.diagnostics.append(&mut fields.diagnostics);
    }
    for item in raw.statistics {
        let span = region(&item);
        let mut fields = item_fields(&source, item, span, "statistic");
        if let Some(statistic) = read_statistic(&mut fields, doc, folded) {
            check_unique(&mut fields, &mut ids, statistic.id().unwrap_or(""));
            out.statistics.push(statistic);
        }
        out.diagnostics.append(&mut fields.diagnostics);
    }
    let claim_ids: HashSet<&str> = out.claims.iter().map(|c| c.id.as_str()).collect();
    for item in raw.crossrefs {
        let span = region(&item);
        let mut fields = item_fields(&source, item, span, "cross-reference");
        if let Some(crossref) = read_crossref(&mut fields, &claim_ids) {
            out.crossrefs.push(crossref);
        }
        out.diagnostics.append(&mut fields.diagnostics);
    }
    out
}

fn item_fields<'s, 'a>(
    source: &'s TomlSource<'a>,
    item: Spanned<toml::Table>,
    span: Range<usize>,
    what: &str,
) -> Fields<'s, 'a> {
    let table = item.into_inner();
    let label = match table.get("id").and_then(toml::Value::as_str) {
        Some(id) => format!("{what} `{}`", sanitize_line(id)),
        None => what.to_owned(),
    };
    Fields::new(source, table, span, label)
}

fn check_unique(fields: &mut Fields<'_, '_>, ids: &mut HashSet<String>, id: &str) {
    if !ids.insert(id.to_owned()) {
        fields.error_at(
            "id",
            format!("duplicate id `{id}` (claims and statistics share one set of ids)"),
        );
    }
}

fn read_id(fields: &mut Fields<'_, '_>) -> Option<String> {
    let id = fields.string("id", true)?;
    if !super::fields::is_id(&id) {
        fields.warning_at(
            "id",
            format!("id `{id}` should use only lowercase letters, digits and '-'"),
        );
    }
    Some(id)
}

fn read_claim(fields: &mut Fields<'_, '_>, doc: &Document, folded: &FoldedText) -> Option<Claim> {
    fields.reject_unknown(CLAIM_FIELDS);
    let id = read_id(fields);
    let text = fields.string("text", true);
    let quote = fields.string("quote", true);
    let topics = fields.strings("topics");
    let anchor = quote.as_deref().and_then(|q| anchor_quote(fields, q, doc, folded));
    Some(Claim {
        id: id?,
        text: text?,
        quote: quote?,
        topics,
        anchor,
        line: fields.start().0,
    })
}

fn read_statistic(fields: &mut Fields<'_, '_>, doc: &Document, folded: &FoldedText) -> Option<Statistic> {
    fields.reject_unknown(STATISTIC_FIELDS);
    let id = read_id(fields);
    let unit = fields.string("unit", true);
    let dated = matches!(unit.as_deref(), Some("date" | "year"));
    // A date or year may leave `value` out: it is the period's year (none for a yearless date).
    let value = if dated && !fields.table.contains_key("value") {
        Some(0.0)
    } else {
        fields.number("value")
    };
    let measure = fields.string("measure", true);
    let qualifier = match fields.string("qualifier", false) {
        None => Qualifier::Exact,
        Some(q) => Qualifier::parse(&q).unwrap_or_else(|| {
            fields.warning_at(
                "qualifier",
                format!("unknown qualifier `{q}` (known: {}); read as exact", Qualifier::known()),
            );
            Qualifier::Exact
        }),
    };
    let period = fields.date_text("period");
    if let Some(p) = &period
        && !is_period(p)
    {
        fields.error_at(
            "period",
            format!(
                "period `{p}` is not YYYY, YYYY-MM, YYYY-MM-DD, --MM or --MM-DD (year not given), or a span A/B of those (../B or A/.. when one end is open)"
            ),
        );
    }
    let year = period.as_deref().and_then(super::fields::period_year);
    let value = match (dated, value, year) {
        (true, Some(v), Some(y)) if fields.table.contains_key("value") && v != f64::from(y) => {
            fields.error_at(
                "value",
                format!(
                    "a {}'s value is its year, but the period says {y}",
                    unit.as_deref().unwrap_or("date")
                ),
            );
            Some(v)
        }
        (true, _, Some(y)) => Some(f64::from(y)),
        (true, Some(v), None)
            if fields.table.contains_key("value") && period.as_deref().is_some_and(super::fields::is_yearless_date) =>
        {
            fields.error_at(
                "value",
                "this date's year is not given (the period has none): leave `value` out",
            );
            Some(v)
        }
        (true, None, None) => None,
        (_, v, _) => v,
    };
    if dated && period.is_none() && !fields.table.contains_key("value") {
        fields.error_at(
            "unit",
            "a date or year needs a `period` (or a `value` holding the year)",
        );
    }
    let quote = fields.string("quote", true);
    let note = fields.string("note", false);
    let anchor = quote.as_deref().and_then(|q| anchor_quote(fields, q, doc, folded));
    let line = fields.start().0;
    let (unit, measure, quote) = (unit?, measure?, quote?);
    let amount = if dated {
        Amount::Date
    } else {
        Amount::Quantity { value: value?, unit }
    };
    // A date given only by its value ("value = 2001") is dated by that year.
    let period = match (&amount, period) {
        (Amount::Date, None) => value.filter(|v| *v > 0.0).map(|v| format!("{v:04}")),
        (_, period) => period,
    };
    Some(Statistic {
        amount,
        measure,
        qualifier,
        period,
        anchor,
        provenance: Provenance::Curated {
            id: id?,
            quote,
            note,
            line,
        },
    })
}

fn read_crossref(fields: &mut Fields<'_, '_>, claim_ids: &HashSet<&str>) -> Option<RawCrossRef> {
    fields.reject_unknown(CROSSREF_FIELDS);
    let from = fields.string("from", true);
    let target = fields.string("to", true);
    let relation_text = fields.string("relation", true);
    let note = fields.string("note", false);
    let relation = relation_text.as_deref().and_then(|r| {
        let parsed = Relation::parse(r);
        if parsed.is_none() {
            let known: Vec<&str> = Relation::ALL.iter().map(|r| r.name()).collect();
            fields.error_at(
                "relation",
                format!("unknown relation `{r}` (expected one of: {})", known.join(", ")),
            );
        }
        parsed
    });
    if let Some(from) = &from
        && !claim_ids.contains(from.as_str())
    {
        fields.error_at(
            "from",
            format!("`from` names claim `{from}`, which this brief does not have"),
        );
        return None;
    }
    if let Some(target) = &target
        && target.split_once('#').is_none_or(|(b, c)| b.is_empty() || c.is_empty())
    {
        fields.error_at("to", format!("`to` must be `<brief-id>#<claim-id>`, not `{target}`"));
        return None;
    }
    Some(RawCrossRef {
        position: fields.key_position("to"),
        from_claim: from?,
        target: target?,
        relation: relation?,
        note,
    })
}

/// Places a quote and reports anything short of a unique exact match.
fn anchor_quote(fields: &mut Fields<'_, '_>, quote: &str, doc: &Document, folded: &FoldedText) -> Option<Range<usize>> {
    let result = folded.anchor(
        &doc.text,
        &Selector {
            exact: quote,
            ..Selector::default()
        },
    );
    let line = |r: &Range<usize>| doc.source_position(r.start).0;
    match &result {
        Anchoring::Exact(_) => {}
        Anchoring::CaseInsensitive(r) => {
            fields.warning_at(
                "quote",
                format!(
                    "quote matches the text only when case is ignored; line {} reads \"{}\"",
                    line(r),
                    excerpt(doc, r)
                ),
            );
        }
        Anchoring::Approximate { range, similarity } => fields.warning_at(
            "quote",
            format!(
                "quote is not in the text exactly ({:.0}% similar); line {} reads \"{}\"",
                similarity * 100.0,
                line(range),
                excerpt(doc, range)
            ),
        ),
        Anchoring::Ambiguous(ranges) => {
            let mut lines: Vec<usize> = ranges.iter().map(line).collect();
            lines.dedup();
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            fields.error_at(
                "quote",
                format!(
                    "quote occurs {} times (lines {}); lengthen it until it is unique",
                    ranges.len(),
                    lines.join(", ")
                ),
            );
        }
        Anchoring::NotFound {
            closest: Some((r, similarity)),
        } => fields.error_at(
            "quote",
            format!(
                "quote not found in the brief; closest passage ({:.0}% similar) at line {}: \"{}\"",
                similarity * 100.0,
                line(r),
                excerpt(doc, r)
            ),
        ),
        Anchoring::NotFound { closest: None } => fields.error_at("quote", "quote not found in the brief"),
    }
    result.range()
}

/// The text of `range` widened to whole words, shortened to about 80 characters.
fn excerpt(doc: &Document, range: &Range<usize>) -> String {
    let before = doc.text.get(..range.start).unwrap_or("");
    let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let after = doc.text.get(range.end..).unwrap_or("");
    let end = range.end + after.find(char::is_whitespace).unwrap_or(after.len());
    let text = doc.text.get(start..end).unwrap_or("");
    let mut out: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_counted_in_sentences_past_abbreviations() {
        let doc = Document::parse("Text.", 0, "Text.");
        let folded = FoldedText::new(&doc);
        let count = |summary: &str| {
            let text = format!("summary = \"{summary}\"\n");
            parse("s.toml", &text, &doc, &folded)
                .diagnostics
                .iter()
                .find(|d| d.message.starts_with("summary has"))
                .map(|d| d.message.clone())
        };
        assert_eq!(
            count("The U.S. left. Pakistan stayed! Why? Because."),
            None,
            "four sentences"
        );
        assert_eq!(
            count("One sentence only"),
            Some("summary has 1 sentence; 3 to 6 are expected".into())
        );
    }

    #[test]
    fn items_past_the_limit_are_reported_at_the_first_extra_one_and_ignored() {
        let doc = Document::parse("The passage.", 0, "The passage.");
        let folded = FoldedText::new(&doc);
        let mut text = String::from("summary = \"One. Two. Three.\"\n");
        for n in 0..=ITEM_LIMIT {
            text.push_str(&format!(
                "\n[[claims]]\nid = \"c-{n}\"\ntext = \"Claim {n}.\"\nquote = \"The passage.\"\n"
            ));
        }
        text.push_str("\n[[crossrefs]]\nfrom = \"c-0\"\nto = \"other#x\"\nrelation = \"supports\"\n");
        text.push_str("\n[[crossrefs]]\nfrom = \"c-10000\"\nto = \"other#x\"\nrelation = \"supports\"\n");
        let sidecar = parse("s.toml", &text, &doc, &folded);
        assert_eq!(sidecar.claims.len(), ITEM_LIMIT);
        assert_eq!(sidecar.claims.last().map(|c| c.id.as_str()), Some("c-9999"));
        // The first extra claim's header: 5 lines per claim after the summary line.
        let line = 3 + 5 * ITEM_LIMIT;
        assert_eq!(text.lines().nth(line - 1), Some("[[claims]]"));
        let messages: Vec<String> = sidecar
            .diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}", d.path, d.line, d.message))
            .collect();
        assert_eq!(
            messages,
            [
                format!(
                    "s.toml:{line}: too many claims: 10001 (the limit is 10000 of each kind); this one and those after it are ignored"
                ),
                // The ignored claim is not there for a cross-reference to start from.
                format!(
                    "s.toml:{}: cross-reference: `from` names claim `c-10000`, which this brief does not have",
                    line + 11
                ),
            ]
        );
        assert_eq!(sidecar.crossrefs.len(), 1);
    }

    #[test]
    fn each_item_is_reported_at_its_own_lines() {
        let doc = Document::parse("The passage.", 0, "The passage.");
        let folded = FoldedText::new(&doc);
        let text = "summary = \"One. Two. Three.\"\n\n[[claims]]\nid = \"a\"\ntext = \"A.\"\nquote = \"The passage.\"\n\n[[statistics]]\nid = \"s\"\nunit = \"km\"\nmeasure = \"m\"\nvalue = 1\nquote = \"The passage.\"\n\n[[claims]]\nid = \"b\"\ntext = \"B.\"\nquote = \"The passage.\"\nwrong = 1\n";
        let sidecar = parse("s.toml", text, &doc, &folded);
        let lines: Vec<(usize, &str)> = sidecar
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        // `wrong` is on line 19, in the second claim (which starts after the statistic).
        assert_eq!(
            lines,
            [(
                19,
                "claim `b`: unknown field `wrong` (expected one of: id, text, quote, topics)"
            )]
        );
    }
}
