use super::seeds::seeds;
use super::*;

fn doc(md: &str) -> Document {
    Document::parse(md, 0, md)
}

fn find(md: &str, quote: &str) -> (Anchoring, String) {
    let d = doc(md);
    let folded = FoldedText::new(&d);
    let result = folded.anchor(
        &d.text,
        &Selector {
            exact: quote,
            ..Selector::default()
        },
    );
    let found = result
        .range()
        .and_then(|r| d.text.get(r).map(str::to_owned))
        .unwrap_or_default();
    (result, found)
}

#[test]
fn exact_quote_through_markup_and_whitespace() {
    let (a, found) = find("A *very*\n   important point.", "very important point");
    assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
    assert_eq!(found, "very important point");
}

#[test]
fn typographic_variants_are_tolerated() {
    let (a, found) = find("Pakistan’s “border” – long", "Pakistan's \"border\" - long");
    assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
    assert_eq!(found, "Pakistan’s “border” – long");
    let (a, found) = find("a soft\u{ad}hyphen here", "softhyphen");
    assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
    assert_eq!(found, "soft\u{ad}hyphen");
}

#[test]
fn repeated_quote_is_ambiguous_not_guessed() {
    let (a, _) = find("the war ended.\n\nthe war ended.", "the war ended");
    assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
}

#[test]
fn context_breaks_a_tie() {
    let d = doc("first: the war ended.\n\nsecond: the war ended.");
    let folded = FoldedText::new(&d);
    let a = folded.anchor(
        &d.text,
        &Selector {
            exact: "the war ended",
            prefix: "second: ",
            ..Selector::default()
        },
    );
    let r = a.range().expect("placed");
    assert!(d.text[..r.start].ends_with("second: "), "{a:?}");
}

#[test]
fn case_only_difference_is_reported_as_such() {
    let (a, found) = find("The Durand Line is long.", "the durand line");
    assert!(matches!(a, Anchoring::CaseInsensitive(_)), "{a:?}");
    assert_eq!(found, "The Durand Line");
}

#[test]
fn a_changed_word_is_found_approximately() {
    let (a, found) = find(
        "Intro.\n\nThe withdrawal of US forces in August 2021 ended a twenty-year war in the region.",
        "The withdrawal of American forces in August 2021 ended a twenty-year war",
    );
    match a {
        Anchoring::Approximate { similarity, .. } => assert!(similarity > 0.85 && similarity < 1.0),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        found,
        "The withdrawal of US forces in August 2021 ended a twenty-year war"
    );
}

#[test]
fn unrelated_quote_is_not_found_but_hints() {
    let (a, _) = find(
        "Some text about trade.",
        "completely different words about nothing at all",
    );
    assert!(matches!(a, Anchoring::NotFound { .. }), "{a:?}");
}

#[test]
fn quotes_never_span_two_blocks() {
    let (a, _) = find("ends here.\n\nStarts there.", "ends here. Starts there.");
    assert!(!matches!(a, Anchoring::Exact(_)), "{a:?}");
}

#[test]
fn a_position_hint_past_the_text_is_only_a_poor_hint() {
    let d = doc("x the end.\n\ny the end.");
    let folded = FoldedText::new(&d);
    for position in [d.text.len(), d.text.len() + 1, usize::MAX] {
        let a = folded.anchor(
            &d.text,
            &Selector {
                exact: "y the end",
                position: Some(position),
                ..Selector::default()
            },
        );
        assert_eq!(a, Anchoring::Exact(11..20), "position {position}");
    }
}

#[test]
fn position_hint_wins_when_text_is_still_there() {
    let d = doc("x the end.\n\ny the end.");
    let folded = FoldedText::new(&d);
    let second = d.text.rfind("the end").expect("present");
    let a = folded.anchor(
        &d.text,
        &Selector {
            exact: "the end",
            position: Some(second),
            ..Selector::default()
        },
    );
    assert_eq!(a, Anchoring::Exact(second..second + 7));
}

fn anchor_in(d: &Document, quote: &str) -> Anchoring {
    FoldedText::new(d).anchor(
        &d.text,
        &Selector {
            exact: quote,
            ..Selector::default()
        },
    )
}

/// Every range of `result` is inside the text, on character boundaries, and inside one block.
fn assert_well_placed(d: &Document, result: &Anchoring) {
    let ranges: Vec<Range<usize>> = match result {
        Anchoring::Exact(r) | Anchoring::CaseInsensitive(r) => vec![r.clone()],
        Anchoring::Approximate { range, similarity } => {
            assert!((0.0..=1.0).contains(similarity), "{result:?}");
            vec![range.clone()]
        }
        Anchoring::Ambiguous(ranges) => ranges.clone(),
        Anchoring::NotFound { closest } => closest.iter().map(|(r, _)| r.clone()).collect(),
    };
    for range in ranges {
        assert!(
            range.start <= range.end && range.end <= d.text.len(),
            "{range:?} outside {:?}: {result:?}",
            d.text
        );
        assert!(
            d.text.is_char_boundary(range.start) && d.text.is_char_boundary(range.end),
            "{range:?} splits a character of {:?}: {result:?}",
            d.text
        );
        assert!(
            d.blocks
                .iter()
                .any(|b| b.range.start <= range.start && range.end <= b.range.end),
            "{range:?} = {:?} spans passages {:?}: {result:?}",
            d.text.get(range.clone()),
            d.blocks.iter().map(|b| b.range.clone()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_closest_place_of_a_quote_not_found_is_whole_characters() {
    // "\0" is shown as U+2400, three bytes; the quote shares no byte with it.
    let d = doc("\0");
    let a = anchor_in(&d, "$#");
    assert!(matches!(a, Anchoring::NotFound { .. }), "{a:?}");
    assert_well_placed(&d, &a);
    // A quote one accent away from a word: its ends fall inside two-byte characters.
    let d = doc("Intro.\n\nLe café était fermé à midi.");
    let a = anchor_in(&d, "cafè était fermè");
    assert_well_placed(&d, &a);
    assert_eq!(a.range().and_then(|r| d.text.get(r)), Some("café était fermé"), "{a:?}");
}

#[test]
fn an_approximate_match_stays_inside_one_passage() {
    let d = doc("alpha beta\n\ngamma delta");
    for a in [anchor_in(&d, "beta gamma"), anchor_seeded(&d, "beta gamma")] {
        assert_well_placed(&d, &a);
        assert!(a.range().is_none(), "half of each passage is no match: {a:?}");
    }
    // The end of one passage and the start of the next, nearly as written: still not a match.
    let d = doc("The border was closed for weeks.\n\nTrade fell sharply as a result.");
    let quote = "closed for weeks. Trade fell sharply";
    for a in [anchor_in(&d, quote), anchor_seeded(&d, quote)] {
        assert_well_placed(&d, &a);
        assert!(a.range().is_none(), "{a:?}");
    }
}

#[test]
fn a_quote_holding_the_separator_does_not_match_across_passages() {
    let d = doc("alpha\n\nbeta");
    for quote in [
        "alpha\u{1}beta",
        "\u{1}",
        "a\u{1}",
        "alpha\u{1}",
        "\u{1}beta",
        "ha\u{1}be",
    ] {
        assert_well_placed(&d, &anchor_in(&d, quote));
    }
    assert_eq!(
        anchor_in(&d, "alpha\u{1}beta"),
        Anchoring::NotFound {
            closest: Some((0..5, 0.5))
        }
    );
    assert_eq!(anchor_in(&d, "alpha\u{1}"), Anchoring::Exact(0..5));
    // Control characters in a quote are read as spaces, like the text's own whitespace.
    let d = doc("alpha beta");
    assert_eq!(anchor_in(&d, "alpha\u{1}beta"), Anchoring::Exact(0..10));
    assert_eq!(fold_quote("\u{1}a\u{7}\u{1}b\u{1}"), "a b");
}

#[test]
fn a_quote_of_the_separator_before_an_empty_last_block_is_not_found() {
    let d = doc("a\n\n```");
    let a = anchor_in(&d, "\u{1}");
    assert_eq!(a, Anchoring::NotFound { closest: None });
}

#[test]
fn an_approximate_match_is_found_among_many_passages_and_tells_ties() {
    // Distinct passages, and one edited quote to find among them.
    let mut md = String::new();
    for n in 0..2_000 {
        md.push_str(&format!(
            "Passage {n} says that item {} moved {} times.\n\n",
            n * 7,
            n % 13
        ));
    }
    md.push_str("The withdrawal of US forces in August 2021 ended a twenty-year war.\n\n");
    let d = doc(&md);
    let (a, found) = find(
        &md,
        "The withdrawal of American forces in August 2021 ended a twenty-year war",
    );
    assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
    assert_eq!(
        found,
        "The withdrawal of US forces in August 2021 ended a twenty-year war"
    );
    assert_well_placed(&d, &a);
    // The same passage twice: a tie, never a guess.
    let twice = format!("{md}The withdrawal of US forces in August 2021 ended a twenty-year war.\n");
    let (a, _) = find(
        &twice,
        "The withdrawal of American forces in August 2021 ended a twenty-year war",
    );
    assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
    // The same answers where the quote is compared only around its seeds.
    let quote = "The withdrawal of American forces in August 2021 ended a twenty-year war";
    let a = anchor_seeded(&d, quote);
    assert_eq!(
        a.range().and_then(|r| d.text.get(r)),
        Some("The withdrawal of US forces in August 2021 ended a twenty-year war"),
        "{a:?}"
    );
    let a = anchor_seeded(&doc(&twice), quote);
    assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
}

#[test]
fn a_quote_past_the_approximate_limit_is_found_exactly_or_not_at_all() {
    let passage = "word ".repeat(APPROXIMATE_QUOTE_LIMIT / 4);
    let d = doc(&format!("Intro.\n\n{passage}"));
    let folded = FoldedText::new(&d);
    let exact = passage.trim_end();
    assert!(fold_quote(exact).len() > APPROXIMATE_QUOTE_LIMIT);
    let selector = |exact| Selector {
        exact,
        ..Selector::default()
    };
    assert!(matches!(folded.anchor(&d.text, &selector(exact)), Anchoring::Exact(_)));
    let changed = exact.replacen("word", "ward", 1);
    assert_eq!(
        folded.anchor(&d.text, &selector(&changed)),
        Anchoring::NotFound { closest: None }
    );
    // Just under the limit, the same edit is found.
    let shorter = changed.get(..APPROXIMATE_QUOTE_LIMIT - 10).unwrap_or("").trim_end();
    let a = folded.anchor(&d.text, &selector(shorter));
    assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
}

/// Anchors `quote` the way a long text is searched: only where its seeds line up.
fn anchor_seeded(d: &Document, quote: &str) -> Anchoring {
    FoldedText::new(d).anchor_with(
        &d.text,
        &Selector {
            exact: quote,
            ..Selector::default()
        },
        0,
    )
}

#[test]
fn seeds_found_too_often_are_left_out() {
    // "abcd " occurs more often than the limit: a quote made only of it finds nothing.
    let common = "abcd ".repeat(SEED_HITS_LIMIT + 10);
    let d = doc(&format!("{common}\n\nxyz"));
    let a = anchor_seeded(&d, "abcd abcd abce abcd");
    assert_eq!(a, Anchoring::NotFound { closest: None });
    // A rarer part of a quote still leads to its place.
    let d = doc(&format!("{common}\n\nThe rare zygomorphic passage."));
    let a = anchor_seeded(&d, "The rare zygomorphik passage.");
    assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
    assert_eq!(
        a.range().and_then(|r| d.text.get(r)),
        Some("The rare zygomorphic passage.")
    );
}

#[test]
fn a_long_text_is_compared_with_the_quote_only_where_its_seeds_are() {
    // Long enough that text x quote is past the full-scan limit.
    let mut md = String::new();
    let mut n = 0;
    while md.len() * 40 <= FULL_SCAN_LIMIT {
        md.push_str(&format!(
            "Passage {n} says that item {} moved {} times.\n\n",
            n * 7,
            n % 13
        ));
        n += 1;
    }
    let quote = "Over 650 attacks were counted in 2023, a sharp rise";
    md.insert_str(
        md.len() / 3,
        "\n\nOver 650 attacks were recorded in 2023, a sharp rise on earlier years.\n\n",
    );
    let d = doc(&md);
    let unrelated = "Completely unrelated words about fishing boats";
    assert!(d.text.len() * unrelated.len().min(quote.len()) > FULL_SCAN_LIMIT);
    let a = anchor_in(&d, quote);
    assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
    assert_eq!(
        a.range().and_then(|r| d.text.get(r)),
        Some("Over 650 attacks were recorded in 2023, a sharp rise")
    );
    // Nothing in common with the text: not found, without a hint.
    let a = anchor_in(&d, unrelated);
    assert_eq!(a, Anchoring::NotFound { closest: None });
}

#[test]
fn seeds_cover_the_quote_in_pieces_on_character_boundaries() {
    let quote = "é".repeat(40);
    let pieces = seeds(&quote);
    assert!(
        pieces
            .iter()
            .all(|(at, piece)| quote.get(*at..).is_some_and(|q| q.starts_with(piece)))
    );
    assert_eq!(pieces.iter().map(|(_, p)| p.len()).sum::<usize>(), quote.len());
    assert_eq!(seeds("ab"), [(0, "ab")]);
    let long = "x".repeat(10_000);
    assert_eq!(seeds(&long).len(), SEEDS);
}

#[test]
fn a_long_prefix_or_suffix_is_compared_by_its_nearest_part() {
    let d = doc("first: the war ended.\n\nsecond: the war ended.");
    let folded = FoldedText::new(&d);
    let prefix = format!("{}second: ", "z".repeat(1_000_000));
    let a = folded.anchor(
        &d.text,
        &Selector {
            exact: "the war ended",
            prefix: &prefix,
            ..Selector::default()
        },
    );
    let r = a.range().expect("placed by its prefix");
    assert!(d.text[..r.start].ends_with("second: "), "{a:?}");
}

proptest::proptest! {
    #[test]
    fn every_range_is_whole_characters_inside_one_passage(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "alpha", "beta", "é", "😀", " ", "\n", "\n\n", "```", "# ", "- ", "*", "\0", "\u{1}", "’", "\u{ad}",
            ]),
            0..30,
        ),
        from in 0usize..200,
        len in 0usize..60,
        edits in proptest::collection::vec((0usize..60, proptest::sample::select(vec!["x", "é", "\u{1}", " ", ""])), 0..4),
    ) {
        let md = pieces.concat();
        let d = doc(&md);
        let from = d.text.floor_char_boundary(from.min(d.text.len()));
        let to = d.text.floor_char_boundary((from + len).min(d.text.len()));
        let mut quote = d.text[from..to].to_owned();
        for (at, with) in edits {
            let at = quote.floor_char_boundary(at.min(quote.len()));
            let next = quote[at..].chars().next().map_or(0, char::len_utf8);
            quote.replace_range(at..at + next, with);
        }
        assert_well_placed(&d, &anchor_in(&d, &quote));
        assert_well_placed(&d, &anchor_seeded(&d, &quote));
    }
}
