//! Development sentences for the statistics extractor, written for these tests (never taken from
//! the bundled briefs or the held-out evaluation texts).

use crate::corpus::{self, Origin, SourceFile};

/// What a test looks at in a derived statistic.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::derive) struct Fig {
    pub value: Option<f64>,
    pub unit: String,
    pub qualifier: &'static str,
    pub period: Option<String>,
    pub measure: String,
    /// The text of the first mention.
    pub text: String,
    pub mentions: usize,
}

pub(in crate::derive) fn derive(markdown: &str) -> Vec<Fig> {
    let file = SourceFile {
        path: "t.md".into(),
        bytes: markdown.as_bytes().to_vec(),
    };
    let corpus = corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new());
    let brief = &corpus.briefs[0];
    super::statistics(brief)
        .into_iter()
        .map(|d| Fig {
            value: d.value(),
            unit: d.unit().to_owned(),
            qualifier: d.qualifier.name(),
            period: d.period.clone(),
            measure: d.measure.clone(),
            text: brief.doc.text[d.mentions()[0].clone()].to_owned(),
            mentions: d.mentions().len(),
        })
        .collect()
}

fn one(markdown: &str) -> Fig {
    let all = derive(markdown);
    assert_eq!(all.len(), 1, "{markdown}: {all:#?}");
    all.into_iter().next().unwrap()
}

/// The statistic whose first mention reads `text`.
pub(in crate::derive) fn find<'a>(all: &'a [Fig], text: &str) -> &'a Fig {
    all.iter()
        .find(|f| f.text == text)
        .unwrap_or_else(|| panic!("no figure \"{text}\" in {all:#?}"))
}

pub(in crate::derive) fn period(p: &str) -> Option<String> {
    Some(p.to_owned())
}

#[test]
fn counts_name_the_noun_they_count() {
    for (text, value, unit) in [
        ("The group carried out 470 recorded raids.", 470.0, "raids"),
        ("Forty-one countries reported a rise.", 41.0, "countries"),
        ("About 3 million people fled the fighting.", 3e6, "people"),
        ("Twelve districts of the province were flooded.", 12.0, "districts"),
        ("One hundred and twenty families were moved.", 120.0, "families"),
        ("The clinic saw 2,314 secondary school students.", 2314.0, "students"),
        ("Seventeen of the villages had no clinic.", 17.0, "villages"),
        ("Only 9 of the 31 provinces kept records.", 9.0, "provinces"),
    ] {
        let all = derive(text);
        let f = all
            .iter()
            .find(|f| f.value == Some(value))
            .unwrap_or_else(|| panic!("{text}: {all:#?}"));
        assert_eq!(f.unit, unit, "{text}");
        assert!(
            f.measure.to_lowercase().contains(unit),
            "{text}: measure {:?}",
            f.measure
        );
    }
}

#[test]
fn a_count_without_its_noun_takes_the_sentence_subject_or_the_count_before() {
    let all = derive("Deaths from terrorism fell 22 per cent to 8,352 in 2023.");
    let deaths = find(&all, "8,352");
    assert_eq!(
        (deaths.unit.as_str(), deaths.period.clone()),
        ("deaths", period("2023"))
    );
    assert!(deaths.measure.contains("Deaths from terrorism"), "{deaths:?}");
    let all = derive("Of the 31 provinces, 9 have begun plans, and nine more are drafting them.");
    assert_eq!(find(&all, "9").unit, "provinces");
    assert_eq!(find(&all, "nine").unit, "provinces");
}

#[test]
fn measures_are_never_placeholders() {
    let all = derive(
        "About 3 million people fled. Turnout was 9 per cent, then 9 percent, then 9%, then 9 %. Prices rose 4 per cent.",
    );
    for f in &all {
        let words: Vec<String> = f.measure.split_whitespace().map(str::to_lowercase).collect();
        assert!(!words.is_empty(), "{f:?}");
        assert!(!words.iter().any(|w| w == "count" || w == "cent"), "{f:?}");
        assert_ne!(
            f.measure.to_lowercase(),
            f.unit,
            "a measure that only repeats the unit: {f:?}"
        );
    }
}

#[test]
fn percent_however_it_is_written() {
    for text in [
        "Turnout was 9 per cent.",
        "Turnout was 9 percent.",
        "Turnout was 9%.",
        "Turnout was 9 %.",
    ] {
        let f = one(text);
        assert_eq!((f.value, f.unit.as_str()), (Some(9.0), "percent"), "{text}");
    }
    let f = one("Support rose 3 percentage points.");
    assert_eq!(f.unit, "percentage points");
}

#[test]
fn the_qualifier_comes_from_the_figures_own_words() {
    let all = derive("In 2023, deaths rose 22 per cent to 8,352, the highest since 2017.");
    let deaths = find(&all, "8,352");
    assert_eq!((deaths.qualifier, deaths.period.clone()), ("exact", period("2023")));
    assert!(all.iter().all(|f| f.period.as_deref() != Some("2017")), "{all:#?}");
    assert!(
        !all.iter().any(|f| f.text == "2017"),
        "a point of comparison is not a fact: {all:#?}"
    );
    for (text, qualifier) in [
        ("The region has lost more than 6,000 lives.", "over"),
        ("Nearly four hundred strikes were recorded.", "nearly"),
        ("It cost approximately $3 billion.", "approximately"),
        ("An estimated 22,000 workers died.", "approximately"),
        ("At least 600 tonnes of grain rotted.", "at-least"),
        ("Repairs could take up to three weeks.", "up-to"),
        ("Fewer than 40 doctors remained.", "under"),
        ("Some 76 million cubic metres were dug.", "approximately"),
        ("The fund holds no more than 5,000 shares.", "at-most"),
        ("The fair drew 500 visitors or more.", "at-least"),
        ("The wreck lies within 3 km of the shore.", "at-most"),
        ("The true cost is nearer $2 million.", "approximately"),
        ("Attendance was closer to 9,000 people.", "approximately"),
    ] {
        assert_eq!(one(text).qualifier, qualifier, "{text}");
    }
    // A bound that defines what a share counts is exact.
    let all = derive("Of the readings, 90% fell within 2 cm.");
    assert_eq!(find(&all, "2 cm").qualifier, "exact");
    // "over the past two decades" says when, not how many.
    let f = one("The town has shrunk over two decades.");
    assert_eq!((f.value, f.qualifier), (Some(2.0), "exact"));
}

#[test]
fn the_period_comes_from_the_clause_that_holds_the_figure() {
    let all = derive("Deaths fell by 9 per cent to 6,701, 38 per cent below the 2015 peak.");
    assert_eq!(find(&all, "6,701").period, None, "6,701 is not a 2015 figure");
    assert_eq!(find(&all, "38 per cent").period, None);
    assert!(!all.iter().any(|f| f.text == "2015"), "{all:#?}");
    let all = derive("In 2024, deaths fell by 9 per cent to 6,701, 38 per cent below the 2015 peak.");
    for text in ["9 per cent", "6,701", "38 per cent"] {
        assert_eq!(find(&all, text).period, period("2024"), "{text}");
    }
    let all = derive("Exports reached $4 billion in 2022, up 12% on the year before.");
    assert_eq!(find(&all, "12%").period, period("2022"));
    let all = derive("Wages will rise 5 per cent this year and 3 per cent in 2026.");
    assert_eq!(find(&all, "5 per cent").period, None, "\"this year\" names no year");
    assert_eq!(find(&all, "3 per cent").period, period("2026"));
}

#[test]
fn periods_read_since_by_until_and_spans() {
    for (text, expected) in [
        ("Attacks have risen 40 per cent since 2021.", "2021/.."),
        ("The city plans to plant 5,000 trees by 2030.", "../2030"),
        ("Some 412 cases were counted until August 2025.", "../2025-08"),
        ("Rents rose 31 per cent between 2019 and 2024.", "2019/2024"),
        ("Rents rose 31 per cent in 2019–2024.", "2019/2024"),
        ("Output grew 8 per cent in 2021-22.", "2021/2022"),
        (
            "From September 2021 to June 2023 we surveyed 640 farms.",
            "2021-09/2023-06",
        ),
        ("In the summer of 2022, 2,000 hectares burned.", "2022"),
    ] {
        let all = derive(text);
        assert_eq!(all.len(), 1, "{text}: {all:#?}");
        assert_eq!(all[0].period.as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn an_opening_clause_frames_the_sentence() {
    let all = derive("By the time the mine closed in 1968, 310 miners had died.");
    assert_eq!(find(&all, "310").period, period("../1968"));
    assert_eq!(
        find(&all, "1968").unit,
        "date",
        "the closure is a dated fact of its own"
    );
    let all = derive("It was the worst flood since 1987, when the river rose 4 metres.");
    assert_eq!(find(&all, "4 metres").period, period("1987"));
    let all = derive("A storm hit the coast in October 2022. Over the same three days, 210 homes lost power.");
    assert_eq!(find(&all, "210").period, period("2022-10"));
    let all = derive("A storm hit the coast in October 2022. Another 210 homes lost power.");
    assert_eq!(
        find(&all, "210").period,
        None,
        "only a sentence that points back takes the period before"
    );
}

#[test]
fn the_same_number_for_two_facts_is_two_statistics() {
    let all = derive("In the north, 45 people died in the floods. In the south, a further 45 people were injured.");
    assert_eq!(all.iter().filter(|f| f.value == Some(45.0)).count(), 2, "{all:#?}");
    let all = derive("Of the 31 provinces, 9 have begun plans, and 9 more are drafting them.");
    assert_eq!(all.iter().filter(|f| f.value == Some(9.0)).count(), 2, "{all:#?}");
    // The same fact said again is one statistic with several mentions.
    let all = derive("The survey covered 1,200 households in 2022.\n\nMost of the 1,200 households had no savings.");
    let households = find(&all, "1,200");
    assert_eq!((households.mentions, households.period.clone()), (2, period("2022")));
    let all = derive("The ministry recorded 312 attacks in 2022. Of those 312 attacks, most were in the north.");
    assert_eq!(find(&all, "312").mentions, 2, "{all:#?}");
    let all = derive("The war ended in 2021.\n\nAfter the withdrawal in 2021, refugees came.");
    assert_eq!(find(&all, "2021").mentions, 2, "{all:#?}");
}

#[test]
fn day_month_dates_are_dates() {
    let f = one("The treaty was signed on 12 November 1893.");
    assert_eq!(
        (f.unit.as_str(), f.period.clone(), f.value),
        ("date", period("1893-11-12"), Some(1893.0))
    );
    assert_eq!(
        one("The treaty was signed on November 12, 1893.").period,
        period("1893-11-12")
    );
    assert_eq!(
        one("The treaty was signed on 12th November 1893.").period,
        period("1893-11-12")
    );
    let all = derive("Work on the dam began in 1904. By 1 November, the first section was open.");
    assert_eq!(find(&all, "1 November").period, period("1904-11-01"));
    assert_eq!(
        one("By 1 November, the first section was open.").period,
        period("--11-01")
    );
    assert_eq!(one("Talks resumed in March.").period, period("--03"));
    assert_eq!(one("The rebels took the port in May 2019.").period, period("2019-05"));
    assert!(
        derive("It may rain. We may go in May or not.").len() <= 1,
        "'may' the verb is not a month"
    );
    let f = one("The flood came in 1997 when the dam broke.");
    assert_eq!(
        (f.unit.as_str(), f.period.clone()),
        ("date", period("1997")),
        "a year is a dated fact"
    );
}

#[test]
fn a_measure_reaches_past_the_time_to_the_subject() {
    let all = derive("Average rainfall in 2022 was 640 mm.");
    assert_eq!(all[0].measure, "Average rainfall");
    let all = derive("Total sales during 2021 reached 12 million euros.");
    assert_eq!(find(&all, "12 million euros").measure, "Total sales");
    // A bracket the measure opens and does not close is left out.
    let all = derive("Egg production (EP) in 2026 is put at 41,000 tonnes, up from 38,000 tonnes in 2025.");
    assert_eq!(find(&all, "41,000 tonnes").measure, "Egg production");
    assert_eq!(
        find(&all, "2026").measure,
        "Egg production",
        "not \"Egg production (EP\""
    );
    // Not past words that say something else: the measure stays what stands before the figure.
    let all = derive("In 2022 the lake rose by 40 cm.");
    assert_eq!(find(&all, "40 cm").measure, "lake rose");
}

#[test]
fn times_of_day_and_parts_of_the_year_are_not_quantities() {
    for text in [
        "The ferry left at 6:45 and docked at 9:10:30.",
        "Alarms fired at 07:12 UTC.",
        "Output rose in the same quarter of 2025.",
        "Each quarter of the league met twice.",
    ] {
        let all = derive(text);
        assert!(
            all.iter()
                .all(|f| f.value.is_none() || !matches!(f.unit.as_str(), "percent" | "minutes" | "seconds")),
            "{text}: {all:#?}"
        );
    }
}

#[test]
fn words_numbers_fractions_durations_money_and_ranges() {
    for (text, value, unit) in [
        ("It ended the thirty-year feud.", 30.0, "years"),
        ("It ended a 15-year-long dispute.", 15.0, "years"),
        ("Forests shrank over two decades.", 2.0, "decades"),
        ("It follows a decade of drought.", 1.0, "decades"),
        ("The talks lasted a nine-day stretch.", 9.0, "days"),
        ("The pipeline is 1,210 miles long.", 1210.0, "miles"),
        ("Each visit takes half an hour.", 0.5, "hours"),
        ("The road is 82 kilometres long.", 82.0, "km"),
        ("It weighs 4 kg.", 4.0, "kg"),
        ("The download is 4 MB.", 4.0, "MB"),
        ("Temperatures reached 41 °C.", 41.0, "°C"),
        ("It received $2 billion in aid.", 2e9, "USD"),
        ("The refit cost €85m.", 85e6, "EUR"),
        ("The rights went for US$40 million.", 40e6, "USD"),
        ("Sales fell by about a fifth.", 20.0, "percent"),
        ("Halvorsen sold 4.1 million units.", 4.1e6, "units"),
        ("The storm passed in under a quarter of an hour.", 0.25, "hours"),
        ("The climb took three hours and 20 minutes.", 200.0, "minutes"),
        ("The relay leg took 4 minutes 12 seconds.", 252.0, "seconds"),
        ("She won the race in 1:58:03.", 7083.0, "seconds"),
        ("He finished in 3:41, a personal best.", 221.0, "minutes"),
        ("The new ferry sails at 24 kilometres an hour.", 24.0, "km/h"),
        ("The slopes gave 38 hectolitres per hectare.", 38.0, "hl/ha"),
        ("The river flows at 2 m/s here.", 2.0, "m/s"),
        ("Ozone at the kerb averaged 61 µg/m³ last summer.", 61.0, "µg/m³"),
        ("Lead in the tap water stayed below 3 μg/l.", 3.0, "µg/l"),
        ("Each tablet holds 250 mg of the drug.", 250.0, "mg"),
        ("The lender raised its rate by 50 basis points.", 50.0, "basis points"),
    ] {
        let f = one(text);
        assert_eq!((f.value, f.unit.as_str()), (Some(value), unit), "{text}");
    }
    let all = derive("Between 400 and 500 attacks were recorded.");
    let got: Vec<(Option<f64>, &str, &str)> = all.iter().map(|f| (f.value, f.unit.as_str(), f.qualifier)).collect();
    assert_eq!(
        got,
        [
            (Some(400.0), "attacks", "at-least"),
            (Some(500.0), "attacks", "at-most")
        ]
    );
    let all = derive("The crossing takes eight to ten hours.");
    let got: Vec<(Option<f64>, &str, &str)> = all.iter().map(|f| (f.value, f.unit.as_str(), f.qualifier)).collect();
    assert_eq!(
        got,
        [(Some(8.0), "hours", "at-least"), (Some(10.0), "hours", "at-most")]
    );
    let all = derive("The share rose from 28% to 46%.");
    assert!(
        all.iter().all(|f| f.qualifier == "exact"),
        "a change is not a range: {all:#?}"
    );
    let all = derive("Losses fell from 1.2 million to 800,000 tonnes, and the price rose 22 per cent to $310.");
    assert!(all.iter().all(|f| f.qualifier == "exact"), "{all:#?}");
}

#[test]
fn markup_versions_sizes_and_code_are_not_figures() {
    for text in [
        "It needs Rust 1.88 or later.",
        "Version 2.3.1 is out; install v2.3.1 today.",
        "Download it from https://example.com/v2/files?id=300 now.",
        "Mail help@example.org for access.",
        "The chart is 800x600 and the icon 32x32.",
        "It runs on Windows 11 and macOS 14+.",
        "See section 4.2 and page 17 of the manual.",
        "Fixed in [#412](https://example.com/issues/412).",
        "Run `tool --jobs 4 --limit 300` to start.",
        "The logo <img src=\"logo.png\" height=\"20\" width=\"80\"> is small.",
        "Set `timeout = 30` in the file.",
        "Its licence is Apache-2.0 and it builds on x86_64.",
        "The update ships with 5G support.",
        "Press Ctrl+F5 at 10:30 on 3/4.",
        "Updated to IHO 2021 constants.",
        "It ran well on a 2020 laptop.",
        "The two countries met. One of them left.",
        "Steps: (1) drain and (2) refill.",
        "The decades-long feud remains.",
        "Losses ran to a day of work, a year ago.",
        "The 1990s were calm.",
        "The ten largest cities sent envoys.",
    ] {
        assert!(derive(text).is_empty(), "{text}: {:#?}", derive(text));
    }
    let code = "```\nlet budget = 4_000;\nlet years = 20;\n```\n\n<div width=\"640\" height=\"360\">x</div>\n";
    assert!(derive(code).is_empty(), "{:#?}", derive(code));
}

#[test]
fn citations_reference_lists_and_datelines_are_not_figures() {
    for text in [
        "The alliance was full of mistrust (Aydin, 2024).",
        "Order collapsed (Marsh, et. Al., 2019).",
        "Lindqvist (2024) uses the theory.",
        "Both (Okafor, et al., 2025b; Ruiz, 2022) agree.",
    ] {
        assert!(derive(text).is_empty(), "{text}: {:#?}", derive(text));
    }
    assert!(derive("Text.\n\n## References\n\n- Aydin, S. (2024). A Journal, 28(2), 119-131\n").is_empty());
    assert!(derive("September 19, 2025\\\nA. Writer\n\nText.").is_empty());
    // A year that dates a figure in its clause is that figure's period, not a fact of its own.
    assert_eq!(derive("Over 320 raids in 2022.").len(), 1);
    // A month and year in brackets is a date, not a citation.
    let dated = derive("The first pair nested by the weir (June 2021).");
    assert!(dated.iter().any(|f| f.period == period("2021-06")), "{dated:#?}");
}

#[test]
fn tables_take_period_and_measure_from_their_headers() {
    let table = "| Region | Cases, 2022 | Cases, 2023 | Change 2022–2023 |\n|---|--:|--:|--:|\n| North | 1,204 | 1,388 | +15.3% |\n| South | 310 | 297 | -4.2% |\n";
    let all = derive(table);
    assert_eq!(all.len(), 6, "{all:#?}");
    let north = find(&all, "1,388");
    assert_eq!((north.unit.as_str(), north.period.clone()), ("cases", period("2023")));
    assert!(north.measure.contains("North"), "{north:?}");
    let fall = find(&all, "-4.2%");
    assert_eq!(
        (fall.value, fall.unit.as_str(), fall.period.clone()),
        (Some(-4.2), "percent", period("2022/2023"))
    );
    let by_year = "| Year | Deaths |\n|---|---|\n| 2019 | 740 |\n| 2020 | 812 |\n";
    let all = derive(by_year);
    assert_eq!(find(&all, "812").period, period("2020"));
    assert_eq!(find(&all, "812").unit, "deaths");
    let code = "| flag | default |\n|---|---|\n| `--days` | `7` |\n";
    assert!(derive(code).is_empty(), "{:#?}", derive(code));
}

#[test]
fn quarters_and_halves_are_periods_not_shares() {
    let all = derive("Sales rose 4% in the second quarter of 2023, the best since the first quarter of 2019.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].period, period("2023-04/2023-06"));
    assert_eq!(one("Orders fell 2% in Q4 2022.").period, period("2022-10/2022-12"));
    assert_eq!(
        one("Output grew 6% in the first half of 2021.").period,
        period("2021-01/2021-06")
    );
    assert_eq!(one("Exports doubled to a third of sales.").value, Some(33.33));
}

#[test]
fn currencies_ages_and_groups() {
    for (text, value, unit) in [
        ("The bank lent CHF 12 million.", 12e6, "CHF"),
        ("Its budget is SEK 400 million.", 400e6, "SEK"),
        ("The poet died aged 67.", 67.0, "years"),
        ("A crowd of 12,000 watched.", 12000.0, "people"),
        ("The boat carried 12 fishermen.", 12.0, "fishermen"),
        ("He scored in his last three games.", 3.0, "games"),
    ] {
        let f = one(text);
        assert_eq!((f.value, f.unit.as_str()), (Some(value), unit), "{text}");
        assert!(
            f.measure.to_lowercase().contains(&unit.to_lowercase()) || lexicon_unit(unit),
            "{f:?}"
        );
    }
    for text in [
        "Most cases were in children under five.",
        "Screening covers adults over 50.",
        "Coverage among five-year-olds is low.",
    ] {
        assert!(derive(text).is_empty(), "{text}: {:#?}", derive(text));
    }
}

fn lexicon_unit(unit: &str) -> bool {
    super::super::lexicon::is_measurement_unit(unit)
}

#[test]
fn a_time_clause_after_a_figure_dates_it() {
    let all = derive("The dig took six winters, from 2001 to 2006, and found 300 graves.");
    assert_eq!(find(&all, "six").period, period("2001/2006"));
    assert_ne!(
        find(&all, "six").measure,
        "winters",
        "a measure says more than its unit"
    );
    assert!(
        !all.iter().any(|f| f.unit == "date"),
        "the span is a period, not a fact: {all:#?}"
    );
}

#[test]
fn pointing_back_reaches_its_own_clause_and_the_paragraph_before() {
    let all = derive(
        "Turnover rose 5% in the second quarter of 2024.\n\nMargins fell to 3.1% from 3.4% a year earlier, as wages rose 6% over the period.",
    );
    assert_eq!(find(&all, "6%").period, period("2024-04/2024-06"));
    assert_eq!(
        find(&all, "3.1%").period,
        None,
        "only the clause that points back takes the period"
    );
    assert_eq!(find(&all, "3.4%").period, None);
}

#[test]
fn a_month_without_a_year_takes_only_its_own_clauses_year() {
    let all = derive(
        "In the week to 3 May 2024, 20 cases were confirmed, bringing the total since the outbreak began in October to 90.",
    );
    assert_eq!(find(&all, "October").period, period("--10"));
    // The week to a day is its seven days; the running total runs up to that day.
    assert_eq!(find(&all, "20").period, period("2024-04-27/2024-05-03"));
    assert_eq!(find(&all, "90").period, period("../2024-05-03"));
    assert!(
        !all.iter().any(|f| f.text.contains("3 May")),
        "a date that only dates the figures is their period: {all:#?}"
    );
}

#[test]
fn a_figure_given_again_under_another_noun_is_one_statistic() {
    let all = derive("The survey reached 640 households. Of the 640 families, most rent.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].mentions, 2);
}

#[test]
fn a_tables_caption_gives_its_unit() {
    let table = "Cost per visit, in dollars.\n\n| City | 2022 | 2023 |\n|---|--:|--:|\n| Portland | 140 | 152 |\n| Highlands | 96 | 99 |\n";
    let all = derive(table);
    assert_eq!(all.len(), 4, "{all:#?}");
    assert!(all.iter().all(|f| f.unit == "USD"), "{all:#?}");
    assert_eq!(find(&all, "99").period, period("2023"));
}

#[test]
fn a_month_at_the_start_of_a_span_takes_the_year_of_its_end() {
    let all = derive("The works lasted from June to August 2024.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].period, period("2024-06/2024-08"));
    let all = derive("The road was shut between 28 May and 3 June 2024.");
    assert_eq!(all[0].period, period("2024-05-28/2024-06-03"));
}

#[test]
fn a_negated_bound_is_the_other_bound() {
    assert_eq!(one("The cache never holds more than 40 MB.").qualifier, "at-most");
    assert_eq!(one("Attendance did not fall below 300 people.").qualifier, "at-least");
    assert_eq!(one("The cache holds more than 40 MB.").qualifier, "over");
}

#[test]
fn a_clause_going_on_from_a_figure_shares_its_period() {
    let all = derive("Exports peaked in 1962, when 4,300 ships called, carrying about 2.5 million tonnes of ore.");
    assert_eq!(find(&all, "2.5 million tonnes").period, period("1962"));
    let all = derive("In 2023 the floods killed 410 people, including 95 children.");
    assert_eq!(find(&all, "95").period, period("2023"));
}

#[test]
fn power_is_a_unit_of_measure() {
    assert_eq!(one("The engine gives 90 horsepower.").unit, "horsepower");
    assert_eq!(one("The plant makes 40 megawatts.").unit, "MW");
}

#[test]
fn an_unspaced_en_dash_joins_a_range_and_the_words_before_describe_both_bounds() {
    let all = derive("Journeys were 10–15 minutes.");
    assert_eq!(all.len(), 2, "{all:#?}");
    let (low, high) = (find(&all, "10"), find(&all, "15 minutes"));
    assert_eq!(
        (low.value, low.unit.as_str(), low.qualifier),
        (Some(10.0), "minutes", "at-least")
    );
    assert_eq!(
        (high.value, high.unit.as_str(), high.qualifier),
        (Some(15.0), "minutes", "at-most")
    );
    assert_eq!(low.measure, "Journeys");
    let all = derive("It cost 10–15 euros.");
    assert_eq!(find(&all, "15 euros").unit, "EUR");
}

#[test]
fn ages_are_years_in_both_bounds_and_after_the_age_of_a_group() {
    let all = derive("The riders, aged 19 to 52, finished.");
    let high = all.iter().find(|f| f.value == Some(52.0)).expect("the upper bound");
    assert_eq!((high.unit.as_str(), high.qualifier), ("years", "at-most"));
    let all = derive("Volunteers were aged between 20 and 40.");
    assert!(
        all.iter().any(|f| f.value == Some(40.0) && f.unit == "years"),
        "{all:#?}"
    );
    let all = derive("The average age of the riders was 34.");
    let age = all.iter().find(|f| f.value == Some(34.0)).expect("the age");
    assert_eq!(
        (age.unit.as_str(), age.measure.as_str()),
        ("years", "average age of the riders")
    );
    // An age band naming a group is not a figure, in either bound.
    let all = derive("The study enrolled 240 adults aged 18 to 65.");
    assert_eq!(all.len(), 1, "{all:#?}");
}
