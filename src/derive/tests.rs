use super::*;
use crate::corpus::{self, Origin, SourceFile};

fn brief_of(md: &str) -> crate::corpus::Corpus {
    let file = SourceFile {
        path: "t.md".into(),
        bytes: md.as_bytes().to_vec(),
    };
    corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new())
}

/// (value, unit, qualifier, period, the text of the first mention) for each derived statistic.
fn derive(text: &str) -> Vec<(f64, String, String, Option<String>, String)> {
    let c = brief_of(text);
    let b = &c.briefs[0];
    statistics(b)
        .into_iter()
        .map(|d| {
            (
                d.value().unwrap_or(0.0),
                d.unit().to_owned(),
                d.qualifier.name().to_owned(),
                d.period.clone(),
                b.doc.text[d.mentions()[0].clone()].to_owned(),
            )
        })
        .collect()
}

fn one(text: &str) -> (f64, String, String, Option<String>, String) {
    let all = derive(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn counts_with_qualifiers_units_and_periods() {
    let cases: &[(&str, f64, &str, &str, Option<&str>)] = &[
        (
            "With over 650 recorded attacks in 2023, it worried.",
            650.0,
            "attacks",
            "over",
            Some("2023"),
        ),
        (
            "Pakistan has lost more than 80,000 lives over the past years.",
            80000.0,
            "lives",
            "over",
            None,
        ),
        (
            "It acknowledged approximately $7 billion worth of equipment.",
            7e9,
            "USD",
            "approximately",
            None,
        ),
        (
            "Nearly five hundred terrorist attacks have been recorded in KP alone until August 2025.",
            500.0,
            "attacks",
            "nearly",
            Some("2025"),
        ),
        (
            "The 1640 miles long Durand Line is hard to cover.",
            1640.0,
            "miles",
            "exact",
            None,
        ),
        ("Turnout was 43.5% in the city.", 43.5, "percent", "exact", None),
        ("It had 1600 lives lost last year.", 1600.0, "lives", "exact", None),
        (
            "There are five significant challenges ahead.",
            5.0,
            "challenges",
            "exact",
            None,
        ),
        ("About 3 million people fled.", 3e6, "people", "approximately", None),
    ];
    for (text, value, unit, qualifier, period) in cases {
        let (v, u, q, p, _) = one(text);
        assert_eq!(
            (v, u.as_str(), q.as_str(), p.as_deref()),
            (*value, *unit, *qualifier, *period),
            "{text}"
        );
    }
}

#[test]
fn ranges_give_both_bounds_the_unit() {
    let all = derive("Between 400 and 500 attacks were recorded.");
    let got: Vec<(f64, &str, &str)> = all.iter().map(|d| (d.0, d.1.as_str(), d.2.as_str())).collect();
    assert_eq!(got, [(400.0, "attacks", "at-least"), (500.0, "attacks", "at-most")]);
    let years = derive("The war ran from 2001 to 2021.");
    assert_eq!(years.iter().map(|d| d.0).collect::<Vec<_>>(), [2001.0, 2021.0]);
}

#[test]
fn durations_in_words_and_digits() {
    for (text, value, unit) in [
        ("It ended the twenty-year war.", 20.0, "years"),
        ("It ended a 20-year-long war.", 20.0, "years"),
        ("Lives were lost over the past two decades.", 2.0, "decades"),
        ("It stems from a decade of resurgent terrorism.", 1.0, "decades"),
        ("The war has been over for two years.", 2.0, "years"),
    ] {
        let (v, u, ..) = one(text);
        assert_eq!((v, u.as_str()), (value, unit), "{text}");
    }
}

#[test]
fn dates_and_years() {
    let (v, u, _, p, m) = one("The withdrawal on 30th August 2021 ended it.");
    assert_eq!(
        (v, u.as_str(), p.as_deref(), m.as_str()),
        (2021.0, "date", Some("2021-08-30"), "30th August 2021")
    );
    let (_, _, _, p, _) = one("Published September 19, 2025 in print.");
    assert_eq!(p.as_deref(), Some("2025-09-19"));
    let (v, u, _, p, _) = one("The Taliban recaptured Kabul in August 2021.");
    assert_eq!((v, u.as_str(), p.as_deref()), (2021.0, "date", Some("2021-08")));
    let (v, u, ..) = one("A raid came to a head in 2011 when forces struck.");
    assert_eq!((v, u.as_str()), (2011.0, "date"), "a year is a dated fact");
    let (v, u, _, _, m) = one("An ally in the war on terror since 9/11, it said.");
    assert_eq!((v, u.as_str(), m.as_str()), (2001.0, "date", "9/11"));
    let (_, u, _, p, _) = one("On March 8, the spokesperson spoke.");
    assert_eq!(
        (u.as_str(), p.as_deref()),
        ("date", Some("--03-08")),
        "a date without its year"
    );
    let (_, u, _, p, m) = one("In March, the two sides held talks.");
    assert_eq!((u.as_str(), p.as_deref(), m.as_str()), ("date", Some("--03"), "March"));
    assert!(
        derive("It may rain. We may go in May or not.").len() <= 1,
        "'may' the verb is not a month"
    );
}

#[test]
fn things_that_are_not_statistics() {
    for text in [
        "The alliance was full of mistrust (Gul, 2024).",
        "Order collapsed in Afghan society (Muzaffar, et. Al., 2019).",
        "Popalzay (2024) uses the theory.",
        "Both (Khan, et al., 2025b; Ali, 2022) agree.",
        "The two countries met. One of them left.",
        "Challenges: (1) the revival of TTP and (2) the border.",
        "In fields such as 5G technology they compete.",
        "The decades-long mistrust remains.",
        "Losses ran to a day of work, a year ago.",
    ] {
        assert!(derive(text).is_empty(), "{text}: {:?}", derive(text));
    }
    // A year that is another figure's period is not a figure of its own.
    assert_eq!(derive("Over 650 attacks in 2023.").len(), 1);
    // The reference list is not read.
    assert!(derive("Text.\n\n## References\n\n- Gul, S. (2024). Margalla Papers, 28(2), 119-131\n").is_empty());
    // A dateline is the brief's date, not a figure.
    assert!(derive("September 19, 2025\\\nZainab Chaudhary\n\nText.").is_empty());
}

#[test]
fn repeated_mentions_are_one_statistic() {
    let all = derive("The withdrawal in 2021 mattered.\n\nAfter 2021, and again in 2021, things changed.");
    assert_eq!(all.len(), 1);
    let c = brief_of("The withdrawal in 2021 mattered.\n\nAfter 2021, things changed.");
    assert_eq!(statistics(&c.briefs[0])[0].mentions().len(), 2);
}

#[test]
fn on_the_five_briefs_recall_and_precision_meet_the_target() {
    let corpus = corpus::load_embedded();
    let mut total = Evaluation::default();
    for brief in &corpus.briefs {
        total.add(&evaluate(brief).0);
    }
    assert_eq!(total.curated, 23);
    assert!(total.recall() >= 0.85, "{total:?} recall {}", total.recall());
    assert!(total.precision() >= 0.8, "{total:?} precision {}", total.precision());
}

#[test]
fn key_terms_are_names_and_acronyms_mentioned_more_than_once() {
    let c = brief_of(
        "The TTP grew in Khyber Pakhtunkhwa. However, the TTP and CPEC matter (Gul, 2024).\n\nIn Khyber Pakhtunkhwa the Durand Line is long. The Durand Line and CPEC again.",
    );
    let terms = key_terms(&c.briefs[0]);
    let names: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(names, ["CPEC", "Durand Line", "Khyber Pakhtunkhwa", "TTP"]);
    assert!(terms.iter().all(|t| t.mentions.len() == 2));
    assert_eq!(&c.briefs[0].doc.text[terms[1].mentions[0].clone()], "Durand Line");
}

#[test]
fn the_bundled_briefs_link_through_shared_terms() {
    let corpus = corpus::load_embedded();
    let derived = super::corpus(&corpus);
    let paper = corpus.index_of("taliban-return-pakistan-security").unwrap();
    let terms: Vec<&str> = derived.terms[paper].iter().map(|t| t.text.as_str()).collect();
    for expected in ["Pakistan", "TTP", "CPEC", "Afghanistan", "China"] {
        assert!(terms.contains(&expected), "{expected} missing from {terms:?}");
    }
    assert!(
        derived.links.iter().all(|l| !l.is_empty()),
        "every brief links to another"
    );
}
