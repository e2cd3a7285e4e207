//! Key terms on text written for these tests.

use super::key_terms;
use crate::corpus::{self, Origin, SourceFile};

fn terms(markdown: &str) -> Vec<(String, usize)> {
    let file = SourceFile {
        path: "t.md".into(),
        bytes: markdown.as_bytes().to_vec(),
    };
    let corpus = corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new());
    key_terms(&corpus.briefs[0])
        .into_iter()
        .map(|t| (t.text, t.mentions.len()))
        .collect()
}

fn names(markdown: &str) -> Vec<String> {
    terms(markdown).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn names_and_acronyms_with_their_mentions() {
    let c = "The WHO met in Lake Geneva. However, the WHO and UNICEF disagreed.\n\nIn Lake Geneva the Rhone Delta is wide. The Rhone Delta and UNICEF again.";
    assert_eq!(
        terms(c),
        [
            ("Lake Geneva".to_owned(), 2),
            ("Rhone Delta".to_owned(), 2),
            ("UNICEF".to_owned(), 2),
            ("WHO".to_owned(), 2)
        ]
    );
    let file = SourceFile {
        path: "t.md".into(),
        bytes: c.as_bytes().to_vec(),
    };
    let corpus = corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new());
    let found = key_terms(&corpus.briefs[0]);
    let delta = found.iter().find(|t| t.text == "Rhone Delta").unwrap();
    assert_eq!(&corpus.briefs[0].doc.text[delta.mentions[0].clone()], "Rhone Delta");
}

#[test]
fn citation_authors_are_sources_not_subjects() {
    let text = "Okafor (2023) studied Lagos. Lagos grew fast (Okafor, 2023; Brandt et al., 2021). Brandt disagrees, and Lagos kept growing (Ruiz, 2020).";
    let found = names(text);
    assert_eq!(found, ["Lagos"], "{found:?}");
}

#[test]
fn common_words_that_open_sentences_are_not_names() {
    // "Recent" is a common word because the text also writes "recent"; "Examining" opens a sentence
    // and is dropped from the front of the name it precedes.
    let text = "Recent floods hit Dhaka. The recent rains were heavy. Examining Dhaka shows more. Keywords: floods. Mr Rahman visited Dhaka.";
    let found = names(text);
    assert!(found.contains(&"Dhaka".to_owned()), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|n| n.starts_with("Recent") || n.starts_with("Examining") || n == "Keywords" || n == "Mr"),
        "{found:?}"
    );
    assert!(found.contains(&"Rahman".to_owned()), "{found:?}");
    // A word capitalised only at the start of sentences is not a name.
    assert!(!names("Counterterrorism is hard. Counterterrorism costs.").contains(&"Counterterrorism".to_owned()));
}

#[test]
fn dotted_acronyms_possessives_and_connectors() {
    let text = "The U.S. and the Ministry of Interior met. Then Kenya's envoy and the U.S. envoy spoke in the Gulf of Aden. Kenya's reply came.";
    let found = names(text);
    for expected in ["U.S.", "Ministry of Interior", "Kenya", "Gulf of Aden"] {
        assert!(
            found.contains(&expected.to_owned()),
            "{expected} missing from {found:?}"
        );
    }
    assert!(
        !found.iter().any(|n| n.ends_with("'s") || n == "S." || n == "U"),
        "{found:?}"
    );
}
