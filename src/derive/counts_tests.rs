//! Development sentences for small counts and shares written in words, written for these tests
//! (never taken from the bundled briefs or the evaluation texts).

use super::super::figures::tests::{derive, find};

#[test]
fn one_in_three_is_a_share() {
    let all = derive("About one in four tenants is behind on rent.");
    let f = find(&all, "one in four");
    assert_eq!(
        (f.value, f.unit.as_str(), f.qualifier),
        (Some(25.0), "percent", "approximately")
    );
    let all = derive("Roughly 1 in 3 bridges needs repair, and two out of five schools lack heating.");
    assert_eq!(find(&all, "1 in 3").value, Some(33.33));
    assert_eq!(find(&all, "two out of five").value, Some(40.0));
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn two_before_the_plural_it_counts_is_a_count() {
    let all = derive("The ward has two surgeons and two new theatres.");
    assert_eq!(find(&all, "two").unit, "surgeons");
    assert_eq!(all.len(), 2, "{all:#?}");
    for text in [
        "The two surgeons left.",
        "One or two surgeons may stay.",
        "Two of them spoke.",
        "It takes one to two people.",
        "Homes with two cars pay more.",
    ] {
        assert!(derive(text).is_empty(), "{text}: {:#?}", derive(text));
    }
}
