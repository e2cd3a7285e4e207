//! Development sentences for periods, written for these tests (never taken from the bundled
//! briefs or the evaluation texts).

use super::super::figures::tests::{derive, find, period};

#[test]
fn a_month_without_a_year_dates_the_figure_of_its_clause() {
    let all = derive("Retail sales rose 0.4% in October.");
    assert_eq!(all.len(), 1, "the month is the figure's period, not a fact: {all:#?}");
    assert_eq!(all[0].period, period("--10"));
    let all = derive("The bakery opened in 2019. Its turnover grew 12% in March.");
    assert_eq!(find(&all, "12%").period, period("2019-03"));
    // The year of a later date in the sentence, when the month is not after it.
    let all = derive("Orders fell 3% in June, the trade body said on 4 July 2023.");
    assert_eq!(find(&all, "3%").period, period("2023-06"));
    let all = derive("In the month to 6 April 2022, 80 homes were sold, though sales slowed in November.");
    assert_eq!(find(&all, "November").period, period("--11"));
    let all = derive("In 2021, exports rose, and imports fell 4% in May.");
    assert_eq!(find(&all, "4%").period, period("2021-05"));
    // "Since February" with no year gives no period it could write, and is not a fact.
    let all = derive("Since February, 64 burglaries have been reported.");
    assert_eq!(all.len(), 1, "\"since February\" only opens the count: {all:#?}");
    assert_eq!(all[0].period, None);
    let all = derive("Thefts have risen 9% since April.");
    assert_eq!(all.len(), 1, "{all:#?}");
    // A month of its own clause is still a dated fact.
    let all = derive("Talks resumed in March, and 40 delegates came.");
    assert_eq!(find(&all, "March").period, period("--03"));
}

#[test]
fn a_duration_takes_the_date_it_is_set_for_not_the_date_it_began() {
    let all = derive("Drivers announced a stoppage of 24 hours called for 9 June.");
    assert_eq!(find(&all, "24 hours").period, period("--06-09"));
    let all = derive("The siege of 40 days began in May 1942.");
    assert_eq!(find(&all, "40 days").period, None, "{all:#?}");
}

#[test]
fn a_date_in_a_phrase_about_an_event_dates_the_event_not_the_count() {
    let all = derive("The coach has won 11 of his 19 games since arriving on 4 August.");
    assert_eq!(find(&all, "11").period, None, "{all:#?}");
    assert_eq!(find(&all, "4 August").period, period("--08-04"));
    let all = derive("She has opened 6 clinics since taking office in 2020.");
    assert_eq!(find(&all, "6").period, None, "{all:#?}");
    assert_eq!(find(&all, "2020").unit, "date");
}

#[test]
fn a_figure_a_year_earlier_takes_the_year_before() {
    let all = derive("The clinic treated 4,100 patients in 2023, against 3,700 a year earlier.");
    assert_eq!(find(&all, "3,700").period, period("2022"));
    let all = derive("Occupancy was 71% in July 2024, compared with 64% the year before.");
    assert_eq!(find(&all, "64%").period, period("2023-07"));
    let all = derive("Exports reached $4 billion in 2022, up 12% on the year before.");
    assert_eq!(
        find(&all, "12%").period,
        period("2022"),
        "a change over the year is of the year"
    );
}

#[test]
fn days_and_months_take_their_paragraphs_year_only() {
    let text = "The 2024 harvest was late. Pickers worked for 40 days between 3 September and 12 October.\n\nSilos were 80% full at the end of October.";
    let all = derive(text);
    assert_eq!(find(&all, "40 days").period, period("2024-09-03/2024-10-12"));
    assert_eq!(
        find(&all, "80%").period,
        period("--10"),
        "the next paragraph gives no year"
    );
}

#[test]
fn a_coordinated_predicate_in_the_past_shares_the_period_before_it() {
    let all = derive("The museum sold 210,000 tickets in 2022, up 8%, and welcomed 1,300 school groups.");
    assert_eq!(find(&all, "1,300").period, period("2022"));
    let all = derive("The port handled 3.1 million tonnes in 2023, and expects 4 million tonnes.");
    assert_eq!(
        find(&all, "4 million tonnes").period,
        None,
        "a present or future verb is not dated"
    );
    let all = derive("The dig took four summers, from 1990 to 1993, and uncovered 260 graves.");
    assert_eq!(find(&all, "260").period, None, "what a duration achieved is a total");
    let all = derive("The port handled 3.1 million tonnes in 2023, and 2,000 ships called.");
    assert_eq!(find(&all, "2,000").period, None, "{all:#?}");
}

#[test]
fn a_sentence_of_its_own_does_not_take_the_period_before() {
    // A pronoun does not say the time goes on: "It carried ..." may say what it always did.
    let all = derive("The bridge opened in 1931. It carried 9,000 cars a day.");
    assert_eq!(find(&all, "9,000").period, None);
}

#[test]
fn years_before_1500_are_years_where_the_words_say_so() {
    let all = derive("The abbey was founded in 1132 by monks.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!((all[0].unit.as_str(), all[0].period.clone()), ("date", period("1132")));
    assert_eq!(derive("The town hall dates from AD 1250.")[0].period, period("1250"));
    let all = derive("The mill produced 1200 sacks.");
    assert_eq!(find(&all, "1200").unit, "sacks");
    let all = derive("Sales rose by 1200 in the spring.");
    assert!(all.iter().all(|f| f.unit != "date"), "{all:#?}");
    let all = derive("It housed 1400 people in 1348.");
    assert_eq!(find(&all, "1400").period, period("1348"));
}

#[test]
fn a_time_that_is_the_sentences_subject_frames_it() {
    let all = derive("Summer 2022 was the wettest on record, with 412 mm of rain.");
    assert_eq!(all.len(), 1, "the season is no fact of its own: {all:#?}");
    assert_eq!(all[0].period, period("2022"));
    let all = derive("2021 saw 58 wildfires, and crews were stretched.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].period, period("2021"));
    let all = derive("The 1998 season was wet, but 40 farms still lost crops.");
    assert_eq!(
        find(&all, "40").period,
        None,
        "a year naming a thing is not the subject"
    );
}

#[test]
fn a_weekday_is_part_of_the_date_it_names_and_points_back_to_it_later() {
    // "on Friday 3 March 2023" dates the figures of its clause, as "on 3 March 2023" does.
    let all = derive("The union signed up 400 new members at its congress on Friday 3 March 2023.");
    assert_eq!(all.len(), 1, "the date is the count's period, not a fact: {all:#?}");
    assert_eq!(all[0].period, period("2023-03-03"));
    let all = derive("The club sold 8,000 tickets for the final on Sunday, 2 April 2022.");
    assert_eq!(find(&all, "8,000").period, period("2022-04-02"));
    // A paragraph later, the weekday alone is that day, when the calendar agrees.
    let all = derive("Voters went to the polls on Sunday 9 March 2025.\n\nTurnout in Sunday's vote was 61%.\n");
    assert_eq!(find(&all, "61%").period, period("2025-03-09"));
    let all = derive("Voters went to the polls on Sunday 9 March 2025.\n\nOn Monday, 4,100 ballots were counted.\n");
    assert_eq!(
        find(&all, "4,100").period,
        None,
        "9 March 2025 was not a Monday: the weekday names no date the text gave"
    );
}

#[test]
fn a_time_in_a_measured_subject_dates_the_figure_after_was() {
    let all = derive("Turnout in the 2021 election was 55%.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].period, period("2021"));
    let all = derive("Attendance at the May 2023 fair was 12,400.");
    assert_eq!(find(&all, "12,400").period, period("2023-05"));
    // An event in the subject, joined by another verb, dates that event only.
    let all = derive("The withdrawal in August 2021 ended a 20-year war.");
    assert_eq!(find(&all, "20-year").period, None);
    assert_eq!(find(&all, "August 2021").period, period("2021-08"));
}

#[test]
fn weekdays_follow_the_gregorian_calendar() {
    use crate::derive::calendar::weekday;
    assert_eq!(weekday("1970-01-01"), Some(3));
    assert_eq!(weekday("2025-05-01"), Some(3));
    assert_eq!(weekday("2000-02-29"), Some(1));
    assert_eq!(weekday("1893-11-12"), Some(6));
    assert_eq!(weekday("2024-13-01"), None);
    assert_eq!(weekday("2024"), None);
}

#[test]
fn a_span_of_days_borrows_the_month_and_year_of_its_end() {
    let all = derive("The count took place on 6–9 June 2025 among 1,204 households.");
    assert_eq!(all.len(), 1, "the span dates the count: {all:#?}");
    assert_eq!(all[0].period, period("2025-06-06/2025-06-09"));
    let all = derive("The fair ran from 12 to 15 August 2023.");
    assert_eq!(
        find(&all, "12 to 15 August 2023").period,
        period("2023-08-12/2023-08-15")
    );
    let all = derive("Between 3 and 5 May 2024, 310 boats sailed.");
    assert_eq!(find(&all, "310").period, period("2024-05-03/2024-05-05"));
    // At the very start of a sentence, with nothing before it to look back on.
    let all = derive("12 to 15 August 2023 saw 4,100 visitors.");
    assert_eq!(find(&all, "4,100").period, period("2023-08-12/2023-08-15"));
    let all = derive("Trials ran 2-4 March.");
    assert_eq!(all[0].period, period("--03-02/--03-04"));
    // Not a span of days: a change, and numbers without a month.
    let all = derive("Wait times fell from 6 to 9 minutes.");
    assert!(all.iter().all(|f| f.unit == "minutes"), "{all:#?}");
}

#[test]
fn a_time_after_the_verb_dates_the_figure_right_after_it_only() {
    let all = derive("The vote was held on 2 March 2024 among 9,800 members.");
    assert_eq!(find(&all, "9,800").period, period("2024-03-02"));
    // A figure further on, past other words, describes something else.
    let all = derive("The club started in 2015 as a weekend hobby of three friends.");
    assert_eq!(find(&all, "2015").period, period("2015"));
    // A time in a clause of another event ("since ... began") does not date the total.
    let all = derive("The total since the drought began in 2022 rose to 412 wells.");
    assert_eq!(find(&all, "412").period, None);
}

#[test]
fn a_week_to_a_day_is_seven_days_and_a_running_total_runs_up_to_its_day() {
    let all = derive("In the week to 14 March 2025, 38 new cases were confirmed.");
    assert_eq!(find(&all, "38").period, period("2025-03-08/2025-03-14"));
    let all = derive("In the week beginning 30 December 2024, the clinic saw 410 patients.");
    assert_eq!(find(&all, "410").period, period("2024-12-30/2025-01-05"));
    let all = derive("In the week ending 2 February 2025, 51 boats landed, bringing the total so far to 1,340.");
    assert_eq!(find(&all, "51").period, period("2025-01-27/2025-02-02"));
    assert_eq!(find(&all, "1,340").period, period("../2025-02-02"));
    // A total over a year is that year's sum.
    let all = derive("Total income in 2024 was 3.2 million euros.");
    assert_eq!(all[0].period, period("2024"));
}

#[test]
fn days_count_across_months_years_and_leap_days() {
    use crate::derive::calendar::add_days;
    assert_eq!(add_days("2025-03-14", -6).as_deref(), Some("2025-03-08"));
    assert_eq!(add_days("2024-12-30", 6).as_deref(), Some("2025-01-05"));
    assert_eq!(add_days("2024-03-01", -1).as_deref(), Some("2024-02-29"));
    assert_eq!(add_days("2023-03-01", -1).as_deref(), Some("2023-02-28"));
    assert_eq!(add_days("1900-03-01", -1).as_deref(), Some("1900-02-28"));
}

#[test]
fn a_document_that_says_what_it_covers_dates_its_later_the_quarter() {
    let text = "This bulletin covers the second quarter of 2026. Ferries carried 81,500 passengers in the quarter.\n\nOver the quarter, 12 sailings were cancelled.\n\nIn the second quarter of 2025, 14 sailings were cancelled.";
    let all = derive(text);
    assert!(
        !all.iter().any(|f| f.value.is_none()),
        "the covered quarter is the document's subject, not a fact: {all:#?}"
    );
    assert_eq!(find(&all, "81,500").period, period("2026-04/2026-06"));
    assert_eq!(find(&all, "12").period, period("2026-04/2026-06"));
    assert_eq!(find(&all, "14").period, period("2025-04/2025-06"));
    // Without a stated scope, "the quarter" points nowhere.
    let all = derive("Ferries carried 81,500 passengers in the quarter.");
    assert_eq!(all[0].period, None);
    // Nor to a scope of another kind, nor is any date in a sentence about covering a scope.
    let all = derive("This report covers 2026. Ferries carried 900 cars in the quarter.");
    assert_eq!(find(&all, "900").period, None);
    let all = derive("Snow covered the pass on 3 March 2026. Crews cleared 40 km in the month.");
    assert_eq!(find(&all, "3 March 2026").period, period("2026-03-03"));
    assert_eq!(find(&all, "40 km").period, None);
}

#[test]
fn a_document_that_reports_on_a_span_of_weeks_dates_its_undated_figures() {
    let text = "This paper reports on the clinic over the six weeks from 3 March 2025 to 13 April 2025, when demand was high.\n\nThe clinic saw 4,120 patients over the period.\n\nWaits averaged 38 minutes.\n\nOn 9 April 2025, 212 patients came.";
    let all = derive(text);
    let span = period("2025-03-03/2025-04-13");
    assert_eq!(find(&all, "4,120").period, span, "{all:#?}");
    assert_eq!(find(&all, "38 minutes").period, span);
    assert_eq!(find(&all, "212").period, period("2025-04-09"));
    // A span of whole months is those months, and then a year is named as a year.
    let all = derive("This report looks at the year from 1 April 2024 to 31 March 2025. Lenders approved 310 loans.");
    assert_eq!(find(&all, "310").period, period("2024-04/2025-03"));
    // A pair of years alone is left to the financial year the text defines; the span that
    // follows it is the scope.
    let all = derive(
        "This bulletin covers the months of 2025/26 from 1 April to 30 September 2025. Councils housed 640 families.",
    );
    assert_eq!(find(&all, "640").period, period("2025-04/2025-09"));
    // Reporting on something without a document noun says nothing of the document's period.
    let all = derive("The minister reports on 3 March 2025 to the committee. Lenders approved 310 loans.");
    assert_eq!(find(&all, "310").period, None);
}

#[test]
fn results_for_a_fiscal_quarter_that_ended_on_a_day_date_the_release() {
    let text = "Harrowgate Foods today reported financial results for the third quarter of fiscal 2025, which ended September 30, 2024.\n\nNet sales were $88.4 million, up 6%.";
    let all = derive(text);
    assert_eq!(
        find(&all, "$88.4 million").period,
        period("2024-07/2024-09"),
        "{all:#?}"
    );
    // The fiscal year's name inside the phrase is not a period of its own.
    assert!(all.iter().all(|f| f.period.as_deref() != Some("2025")), "{all:#?}");
    // A quarter that ended on a day is those three months wherever it is said.
    let all = derive("In the quarter that ended March 31, 2025, the chain opened 12 stores.");
    assert_eq!(find(&all, "12").period, period("2025-01/2025-03"), "{all:#?}");
}

#[test]
fn a_subtitle_naming_one_period_is_the_documents_period() {
    let text =
        "# Record year for the port\n\n*Annual freight statistics, 2024*\n\nThe port handled 3.2 million tonnes.";
    let all = derive(text);
    assert_eq!(find(&all, "3.2 million tonnes").period, period("2024"), "{all:#?}");
    assert_eq!(all.len(), 1, "the subtitle's year is not a fact: {all:#?}");
    // A dateline under the title is the day it was posted, not the period of what follows.
    let text = "# A faster release\n\n*3 September 2025, the team*\n\nThe new engine handles 66,500 queries a second.";
    assert_eq!(find(&derive(text), "66,500").period, None);
    // A first paragraph with a verb is prose, not a subtitle.
    let text = "# Port news\n\nThe port handled 3.2 million tonnes in 2024.\n\nIt employs 410 people.";
    assert_eq!(find(&derive(text), "410").period, None);
}

#[test]
fn a_subject_dated_by_its_own_words_dates_the_level_it_reached() {
    let all = derive("Ticket sales in Q2 2026 came to 4,310, and costs in March 2026 totalled 9,200 euros.");
    assert_eq!(find(&all, "4,310").period, period("2026-04/2026-06"));
    assert_eq!(find(&all, "9,200 euros").period, period("2026-03"));
    // An event in the subject, with a verb of its own, does not.
    let all = derive("The strike in June 2026 cancelled 2,000 trips.");
    assert_eq!(find(&all, "2,000").period, None);
}

#[test]
fn two_days_running_after_on_are_a_span() {
    let all = derive("The audit took place on 9 and 10 June 2026, when 48 files were read.");
    assert_eq!(find(&all, "9 and 10 June 2026").period, period("2026-06-09/2026-06-10"));
    // Days that are not consecutive are two dates, not a span.
    let all = derive("Votes were held on 4 and 18 June 2026.");
    assert!(
        all.iter().all(|f| f.period != period("2026-06-04/2026-06-18")),
        "{all:#?}"
    );
}

#[test]
fn a_title_that_names_a_period_dates_the_clauses_that_name_none() {
    let text = "+++\ntitle = \"Orchard survey 2026\"\n+++\n\nGrowers picked 9,400 tonnes of apples. Prices fell 4% last year.\n\nThe trees were planted in 1998, and 61 growers took part.\n\nThe mean yield was 22 tonnes a hectare, 3 tonnes above the 2001–2020 average.\n\nFrost struck on 12 April.\n\n- **May** was wet: 140 mm of rain fell.\n";
    let all = derive(text);
    assert_eq!(find(&all, "9,400 tonnes").period, period("2026"));
    assert_eq!(find(&all, "4%").period, None, "\"last year\" is not the survey's year");
    assert_eq!(find(&all, "1998").period, period("1998"));
    assert_eq!(
        find(&all, "61").period,
        period("2026"),
        "the clause of its own has no time"
    );
    assert_eq!(
        find(&all, "3 tonnes").period,
        period("2026"),
        "the 2001–2020 average is a baseline"
    );
    assert_eq!(find(&all, "12 April").period, period("2026-04-12"));
    assert_eq!(find(&all, "140 mm").period, period("2026-05"));
    assert!(
        all.iter().all(|f| f.text != "May"),
        "a month as subject is no event: {all:#?}"
    );
    // Two years in a title, or a life's span, give no period.
    let all = derive("+++\ntitle = \"Ferry use in 2019 and 2026\"\n+++\n\nFerries carried 7,000 cars.\n");
    assert_eq!(find(&all, "7,000").period, None);
}

#[test]
fn the_months_to_a_date_and_a_financial_year_the_text_defines() {
    let all = derive("In the three months to February 2026, 310 claims were paid.");
    assert_eq!(find(&all, "310").period, period("2025-12/2026-02"));
    assert_eq!(all.len(), 1, "the span only dates the claims: {all:#?}");
    let all = derive("In the year to 31 March 2026 the club sold 8,000 tickets.");
    assert_eq!(find(&all, "8,000").period, period("2025-04/2026-03"));
    let text = "+++\ntitle = \"Canal Trust review 2025–26\"\n+++\n\nFor the year from 1 April 2025 to 31 March 2026.\n\nThe trust logged 4,200 boats, against 3,900 in 2024–25.\n";
    let all = derive(text);
    assert_eq!(
        find(&all, "4,200").period,
        period("2025-04/2026-03"),
        "the title's year is the financial year"
    );
    assert_eq!(find(&all, "3,900").period, period("2024-04/2025-03"));
    // Without a financial year in the text, two years stay two calendar years.
    let all = derive("The trust logged 4,200 boats in 2024–25.");
    assert_eq!(find(&all, "4,200").period, period("2024/2025"));
}

#[test]
fn a_time_compared_with_after_an_article_is_the_point_of_comparison() {
    // The figure's own time is the document's (here the title's quarter), not the one compared.
    let text = "# Bookings, third quarter 2025\n\nCoach bookings were 4.1% lower than in the third quarter of 2024.\n\nRail bookings were 2.2% higher than in the same quarter of 2024.\n\nFerry bookings rose 3.5% compared with the same months of 2024.\n";
    let all = derive(text);
    for quote in ["4.1%", "2.2%", "3.5%"] {
        assert_eq!(
            find(&all, quote).period.as_deref(),
            Some("2025-07/2025-09"),
            "{quote}: {all:#?}"
        );
    }
}

#[test]
fn a_span_of_months_needs_no_from_and_an_apposition_restates_the_documents_period() {
    // A title's "April to June 2026" is the quarter, not June.
    let text = "# Lettings bulletin: April to June 2026\n\nAgents let 2,315 homes.";
    assert_eq!(find(&derive(text), "2,315").period, period("2026-04/2026-06"));
    // A school year's term, restated as months after the comma, is the document's period.
    let text = "This review reports on the third term of the 2026/27 school year, from January to March 2027, and compares it with the same term of 2026.\n\nPupils missed 4.1% of sessions.";
    assert_eq!(find(&derive(text), "4.1%").period, period("2027-01/2027-03"));
    // A month to a day is no span of months.
    let all = derive("Sales rose in May to 9 June 2026.");
    assert_eq!(find(&all, "9 June 2026").period, period("2026-06-09"), "{all:#?}");
}

#[test]
fn announced_results_of_a_round_date_the_release() {
    let text = "The trust announced the results of its 2026 funding round: 48 charities will share £2.1 million.";
    let all = derive(text);
    assert_eq!(find(&all, "48").period, period("2026"), "{all:#?}");
    assert_eq!(find(&all, "£2.1 million").period, period("2026"));
    // The results of something else, without a verb that puts them out, date nothing.
    let all = derive("The results of the 2019 survey were mixed.\n\nVolunteers gave 310 hours.");
    assert_eq!(find(&all, "310 hours").period, None);
}

#[test]
fn the_event_a_superlative_counts_from_dates_no_figure_before_it() {
    let all = derive("Ridership rose 7% in 2026, the most since the line was extended in 2011.");
    assert_eq!(find(&all, "7%").period, period("2026"), "{all:#?}");
    let all = derive("The clinic saw 5,200 patients, the most since it opened in 2015.");
    assert_eq!(find(&all, "5,200").period, None, "{all:#?}");
    // The event's year is still a dated fact of its own.
    assert_eq!(find(&all, "2015").period, period("2015"));
    // "The lowest since the first quarter of 2022" is a point of comparison, not a fact.
    let all = derive("The margin narrowed to 6.5%, the lowest since the first quarter of 2022.");
    assert_eq!(all.len(), 1, "{all:#?}");
}

#[test]
fn a_change_on_a_year_is_of_the_later_year() {
    let all = derive("In 2026 bus journeys were down by 3.1% on 2025.");
    assert_eq!(find(&all, "3.1%").period, period("2026"), "{all:#?}");
    let all = derive("Exports rose 6% on 2022 to 310 tonnes in 2023.");
    assert_eq!(find(&all, "6%").period, period("2023"), "{all:#?}");
    // A day after "on" is when the change happened.
    let all = derive("Fares rose by 2.5% on 4 January 2026.");
    assert_eq!(find(&all, "2.5%").period, period("2026-01-04"), "{all:#?}");
}

#[test]
fn a_day_beside_a_figure_dates_it_when_the_figures_period_holds_it() {
    let all = derive("The hottest reading of 2023 was 34.2°C, taken at Ellsby on 2 July.");
    assert_eq!(find(&all, "34.2°C").period, period("2023-07-02"));
    assert_eq!(
        all.len(),
        1,
        "the day dates the reading and is no fact of its own: {all:#?}"
    );
    let all = derive("# Storm report 2022\n\nThe worst storm, on 9 March, cut power to 3,000 homes.");
    assert_eq!(find(&all, "3,000").period, period("2022-03-09"));
    let all = derive("# Hotel report 2021\n\nThe busiest night was Friday 10 December, when 2,150 guests stayed.");
    assert_eq!(find(&all, "2,150").period, period("2021-12-10"));
    assert!(all.iter().all(|f| f.unit != "date"), "{all:#?}");
    // A clock time's colon does not cut the clause: the day is the figure's own.
    let all = derive("Demand peaked at 5,100 MW at 18:15 on 4 December 2023.");
    assert_eq!(find(&all, "5,100 MW").period, period("2023-12-04"));
}

#[test]
fn a_day_that_tells_an_event_or_is_outside_the_figures_period_stays_a_fact() {
    let all = derive("The depot, which opened on 3 March 2019, handled 5,200 parcels in 2024.");
    assert_eq!(find(&all, "5,200").period, period("2024"));
    assert_eq!(find(&all, "3 March 2019").period, period("2019-03-03"));
    let all = derive("# Annual report 2024\n\nFrom 1 June we stopped charging, and 800 members joined.");
    assert_eq!(find(&all, "1 June").period, period("2024-06-01"));
    let all = derive("# Annual report 2024\n\nFounded on 3 May 1998, the firm employs 4,000 people.");
    assert_eq!(find(&all, "3 May 1998").unit, "date");
    assert_ne!(find(&all, "4,000").period, period("1998-05-03"));
}

#[test]
fn the_first_months_of_a_year_and_a_full_year_before_the_subject_are_periods() {
    let all = derive("Sales reached 9,400 cars in the first eight months of 2024.");
    assert_eq!(all.len(), 1, "eight months is the period, not a figure: {all:#?}");
    assert_eq!(all[0].period, period("2024-01/2024-08"));
    let last = derive("In the last two months of 2023, 310 flights were cancelled.");
    assert_eq!(find(&last, "310").period, period("2023-11/2023-12"));
    let all = derive("Full-year 2026 output guidance was cut to 90,000 barrels.");
    assert_eq!(all.len(), 1, "the year is the guidance's, not a fact: {all:#?}");
    assert_eq!(all[0].period, period("2026"));
}
