//! Development sentences for quantities told without their usual words: a person's age, and a
//! figure converted into another unit in brackets (written for these tests, none from the
//! evaluation texts).

use super::super::figures::tests::derive;

#[test]
fn a_persons_age_told_without_the_word_age() {
    for (text, age) in [
        ("At 59, Ruth Calloway went back to the mountain.", 59.0),
        ("She first went to the Himalaya in 1997, at 31, with a friend.", 31.0),
        ("Calloway grew up in Keswick and started climbing at 14.", 14.0),
        ("Her partner was Dawa Sherpa, 34, who guides on Everest.", 34.0),
        ("He has guided on Everest since he was 19.", 19.0),
        ("At fourteen she joined the mill at Ashworth.", 14.0),
        ("At 16 he went to sea.", 16.0),
        ("The line opened in 1847, when Harker was thirty-eight.", 38.0),
    ] {
        let all = derive(text);
        let f = all
            .iter()
            .find(|f| f.value == Some(age))
            .unwrap_or_else(|| panic!("{text}: {all:#?}"));
        assert_eq!(f.unit, "years", "{text}");
    }
    // Numbers in the same places that are not ages.
    for text in [
        "The rate stood at 14, the lowest in years.",
        "Turnout in Nordvik, 71,400 voters, was high.",
        "The unit opened at 14 sites.",
        "In March, 41 people came.",
        "At three the meeting began.",
        "At 40 the index stood still.",
    ] {
        assert!(
            derive(text).iter().all(|f| f.unit != "years"),
            "{text}: {:#?}",
            derive(text)
        );
    }
}

#[test]
fn a_conversion_in_brackets_is_the_same_figure() {
    let all = derive("The team camped at 7,150 metres (23,458 ft) below the ridge.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!((all[0].value, all[0].unit.as_str()), (Some(7150.0), "m"));
    let all = derive("The ridge rises 2,100 ft above the glacier.");
    assert_eq!(all[0].unit, "feet");
    // A second figure of another kind in brackets is a figure of its own.
    let all = derive("The line is 42 km long (17 stations).");
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn money_per_ounce_or_tonne_written_with_a_slash_is_a_price() {
    let all = derive("Cash costs fell to US$912/oz in the quarter, and ore sold at $64/t.");
    let cost = all
        .iter()
        .find(|f| f.value == Some(912.0))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(cost.unit, "USD", "{cost:?}");
    assert!(all.iter().any(|f| f.value == Some(64.0) && f.unit == "USD"), "{all:#?}");
    assert_eq!(
        all.len(),
        2,
        "the ounce and tonne are not figures of their own: {all:#?}"
    );
}

#[test]
fn years_and_months_or_weeks_and_days_together_are_one_length() {
    let all = derive("The rebuilding took three years and seven months.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!((all[0].value, all[0].unit.as_str()), (Some(43.0), "months"));
    let all = derive("The strike lasted 2 weeks 3 days.");
    assert_eq!((all[0].value, all[0].unit.as_str()), (Some(17.0), "days"), "{all:#?}");
}
