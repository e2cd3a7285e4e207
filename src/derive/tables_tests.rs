//! Development tables for the table rules, written for these tests (none from the evaluation
//! texts).

use crate::derive::figures::tests::{derive, find, period};

#[test]
fn a_table_takes_its_year_from_the_caption_or_the_text_before_it() {
    let captioned = "Table 2. Admissions by ward, 2023\n\n| Ward | Admissions | Beds |\n|---|--:|--:|\n| East | 1,845 | 64 |\n| West | 2,210 | 80 |\n";
    let all = derive(captioned);
    assert_eq!(
        all.len(),
        4,
        "the caption's year dates the table, it is not a fact: {all:#?}"
    );
    assert!(all.iter().all(|f| f.period == period("2023")), "{all:#?}");
    let monthly = "The festival ran from October to December 2022. Tickets sold at each venue were:\n\n| Venue | October | November | December |\n|---|--:|--:|--:|\n| Hall | 3,120 | 2,870 | 4,410 |\n";
    let all = derive(monthly);
    assert_eq!(find(&all, "October to December 2022").period, period("2022-10/2022-12"));
    let november = find(&all, "2,870");
    assert_eq!(
        (november.unit.as_str(), november.period.clone()),
        ("tickets", period("2022-11"))
    );
    assert!(november.measure.contains("tickets"), "{november:?}");
    // Without a year anywhere, a month stays yearless; a heading is a boundary.
    let yearless = "## Sales\n\nUnits sold:\n\n| Shop | March |\n|---|--:|\n| Quay | 740 |\n";
    assert_eq!(find(&derive(yearless), "740").period, period("--03"));
    let apart = "Output doubled in 2021.\n\n## Today\n\n| Plant | Tonnes |\n|---|--:|\n| Ash | 900 |\n";
    assert_eq!(find(&derive(apart), "900").period, None);
}
