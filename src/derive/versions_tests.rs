//! Development sentences for version numbers, badges, copyright lines, counted nouns that are
//! verbs, and lists; written for these tests (none from the evaluation texts or any README read
//! while writing the rules).

use crate::derive::figures::tests::{derive, find};

fn none(text: &str) {
    assert!(derive(text).is_empty(), "{text}: {:#?}", derive(text));
}

#[test]
fn version_numbers_beside_a_version_cue_are_not_figures() {
    for text in [
        "Builds with versions of Go older than 1.21 need a flag.",
        "The minimum supported Rust version (MSRV) of this crate is 1.70.",
        "This raises the minimum Linux kernel version to 4.4 and the Android API level to 24.",
        "The library supports rustc 1.60 and newer.",
        "Versions before 0.9 compile with rustc 1.40.",
        "The 3.0 series of the parser adds streaming.",
        "A 2.0 release is planned.",
        "Going from 1.4 to 1.5 raises the MSRV.",
        "It has worked since 0.8 was released.",
        "The old API was kept in `parser` 0.3 only.",
    ] {
        none(text);
    }
}

#[test]
fn numbers_that_belong_to_a_name_are_not_figures() {
    for text in [
        "It runs on Windows 8.1 and Windows 10.",
        "- Windows 10 (Home)\n- Windows 11 arm64\n- macOS 13\n",
        "Windows 7, 8 and 10 are supported.",
        "It needs Python ≥ 3.8 and Node 18.",
        "Tested with stable, beta, and 1.70 Rust.",
        "Timestamps follow ISO 8601 rules.",
        "FreeBSD 13 builds but is untested.",
        "Dual-licensed under the MIT and Apache 2.0 licences.",
        "Gradle 8.5 runs the build.",
        "The crate moved to the 2021 edition.",
    ] {
        none(text);
    }
}

#[test]
fn badges_images_and_copyright_lines_are_not_figures() {
    for text in [
        "[![Minimum Rust: 1.65](https://img.shields.io/badge/rustc-1.65-blue)](https://example.org)",
        "[![coverage: 87%](https://example.org/c.svg)](https://example.org) ![downloads: 12k a month](d.svg)",
        "Copyright 2019-2024 the authors.",
        "Copyright © 2021 Ada Example.",
        "Copyright (c) 2018, the contributors.",
    ] {
        none(text);
    }
}

#[test]
fn figures_near_versions_are_kept() {
    let all = derive("We may raise the MSRV for compiler versions older than 18 months.");
    assert_eq!(find(&all, "18 months").unit, "months");
    let all = derive("It has had 41 releases since 2.0.");
    assert_eq!(find(&all, "41").unit, "releases");
    let all = derive("Builds take 4.5 seconds on rustc 1.70 and use 2.5 GB of memory.");
    assert_eq!(all.len(), 2, "{all:#?}");
    let all = derive("Version 2 of the loader handles 1.5 million rows a minute.");
    assert_eq!(find(&all, "1.5 million").value, Some(1.5e6));
}

#[test]
fn the_counted_noun_is_a_noun_not_a_verb() {
    let all = derive("With 8 slots per page, 1 input record takes 3 slots.");
    assert!(all.iter().all(|f| !f.unit.starts_with("take")), "{all:#?}");
    assert_eq!(find(&all, "3").unit, "slots");
    assert_eq!(find(&derive("The module supports 12 formats."), "12").unit, "formats");
    for text in [
        "The note assumes an even count; halve any number by 2.",
        "The two gates were balanced so that a pump of only 40 horsepower could open them.",
        "We seem happy with plain text just ending when it's done rather than checking that the writer could count to five.",
        "The Open Kernel Project completes and stabilizes the interface, and a 2.0 version follows.",
    ] {
        assert!(
            derive(text)
                .iter()
                .all(|f| !matches!(f.unit.as_str(), "assumes" | "gates" | "text" | "completes")),
            "{text}: {:#?}",
            derive(text)
        );
    }
    // Compound nouns keep their head: "league matches", "retail stores".
    assert_eq!(
        find(&derive("She has won 14 of her 22 league matches."), "22").unit,
        "matches"
    );
    assert_eq!(find(&derive("The chain runs 120 retail stores."), "120").unit, "stores");
}

#[test]
fn a_verbless_clause_counts_the_noun_before_it_and_lists_share_their_noun() {
    let all = derive("He went on building boats for fishermen, some 60 in all.");
    assert_eq!(find(&all, "60").unit, "boats");
    let all = derive("The parser provides routines for 1, 2 or 3 bytes at a time.");
    for n in ["1", "2", "3"] {
        assert_eq!(find(&all, n).unit, "bytes", "{all:#?}");
    }
    let all = derive("Keys are 128 or 256 bits long.");
    assert_eq!(find(&all, "128").unit, "bits");
}

#[test]
fn clock_times_are_not_figures() {
    let all = derive("The strike began at 6 a.m. with 40 crews.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].unit, "crews");
}
