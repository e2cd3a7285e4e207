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

#[test]
fn a_table_in_thousands_scales_its_cells_but_not_its_shares() {
    let text = "Arrivals at the two airports by quarter, in thousands:\n\n| Airport | Q1 | Q2 |\n|---|--:|--:|\n| North | 1,204 | 1,377 |\n| South | 86.5 | 91 |\n";
    let all = derive(text);
    let north = find(&all, "1,204");
    assert_eq!(north.value, Some(1_204_000.0), "{north:?}");
    assert_eq!(find(&all, "86.5").value, Some(86_500.0));
    let header = "| Year | Tonnes handled ('000) | Share by rail (%) |\n|---|--:|--:|\n| 2022 | 3,150 | 12.5 |\n";
    let all = derive(header);
    assert_eq!(find(&all, "3,150").value, Some(3_150_000.0));
    let share = find(&all, "12.5");
    assert_eq!((share.value, share.unit.as_str()), (Some(12.5), "percent"));
    // "thousands of" in a caption is prose, not a scale.
    let prose =
        "Thousands of walkers used the paths. Counts by gate:\n\n| Gate | Walkers |\n|---|--:|\n| East | 640 |\n";
    assert_eq!(find(&derive(prose), "640").value, Some(640.0));
}

#[test]
fn a_unit_of_measure_in_a_row_header_beats_its_counted_noun() {
    let text = "Bus services, 2022 and 2023:\n\n| Measure | 2022 | 2023 |\n|---|--:|--:|\n| Buses on time (%) | 84.1 | 86.0 |\n| Wait for late buses (minutes) | 7.5 | 6.9 |\n| Journeys per day | 41,300 | 43,900 |\n";
    let all = derive(text);
    let on_time = find(&all, "84.1");
    assert_eq!(
        (on_time.unit.as_str(), on_time.period.clone()),
        ("percent", period("2022"))
    );
    assert_eq!(find(&all, "6.9").unit, "minutes");
    // A unit after "per" is the rate's denominator: the row counts journeys.
    assert_eq!(find(&all, "43,900").unit, "journeys");
}

#[test]
fn a_singular_scale_word_scales_and_a_band_heading_a_row_is_no_figure() {
    let text = "| Port | 2023 | 2024 |\n|---|--:|--:|\n| Freight (million tonnes) | 12.5 | 13.1 |\n| Boxes (thousand TEU) | 840 | 902 |\n";
    let all = derive(text);
    let freight = find(&all, "12.5");
    assert_eq!((freight.value, freight.unit.as_str()), (Some(12_500_000.0), "tonnes"));
    let boxes = find(&all, "902");
    assert_eq!((boxes.value, boxes.unit.as_str()), (Some(902_000.0), "TEU"));
    let bands = "Shares answering yes, 2024 (%):\n\n| Age | Yes | No |\n|---|--:|--:|\n| 16–24 | 52 | 48 |\n| 25-49 | 44 | 56 |\n| 50 and over | 31 | 69 |\n| 75+ | 28 | 72 |\n";
    let all = derive(bands);
    assert_eq!(all.len(), 8, "the age bands name rows, they are not figures: {all:#?}");
    assert!(all.iter().all(|f| f.unit == "percent"), "{all:#?}");
}

#[test]
fn quarter_columns_are_their_months_and_a_row_named_by_word_and_number_is_a_label() {
    let text = "Parcels handled by depot, 2023 (thousands)\n\n| Depot | Jan–Mar | Q2 | Jul–Sep |\n|---|--:|--:|--:|\n| Hull | 41 | 38 | 44 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "41").period, period("2023-01/2023-03"));
    assert_eq!(find(&all, "38").period, period("2023-04/2023-06"));
    assert_eq!(find(&all, "44").period, period("2023-07/2023-09"));
    let grades =
        "| Grade | Learners | Pass rate (%) |\n|---|--:|--:|\n| Grade 4 | 312 | 88.1 |\n| Stage 12 | 95 | 71 |\n";
    let all = derive(grades);
    assert_eq!(all.len(), 4, "the row names are not figures: {all:#?}");
    let learners = find(&all, "312");
    assert_eq!(
        learners.unit, "learners",
        "'Grade 4' does not make its row's cells grades"
    );
    assert_eq!(find(&all, "88.1").unit, "percent");
}

#[test]
fn a_cell_holding_only_a_date_dates_its_rows_event() {
    let text = "| Task | Team | Deadline |\n|---|---|---|\n| Replace the gauges | Works | 3 Sept 2026 |\n| Audit the pumps | Water | 19 Nov 2026 |\n";
    let all = derive(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    let audit = find(&all, "19 Nov 2026");
    assert_eq!(audit.period, period("2026-11-19"));
    assert!(audit.measure.contains("Audit the pumps"), "{audit:?}");
}

#[test]
fn a_currency_header_in_millions_scales_its_cells() {
    let text = "| Region | Sales (€ million) | Costs (£m) | Staff |\n|---|--:|--:|--:|\n| North | 1,204 | 86 | 310 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "1,204").value, Some(1_204e6));
    assert_eq!(find(&all, "1,204").unit, "EUR");
    assert_eq!(find(&all, "86").value, Some(86e6));
    // "per million" is a rate, not a scale.
    let rate = "| Country | Deaths (per million) |\n|---|--:|\n| Norland | 41 |\n";
    assert_eq!(find(&derive(rate), "41").value, Some(41.0));
}

#[test]
fn a_caption_in_parts_scales_only_the_column_it_names_and_rates_are_units() {
    let text = "Table 3. Landings, 2024. Weight in tonnes; value in millions of euros.\n\n| Port | Weight | Value |\n|---|--:|--:|\n| Keel | 12,400 | 31.5 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "12,400").value, Some(12_400.0));
    assert_eq!(find(&all, "31.5").value, Some(31.5e6));
    let rates = "Speed in km/h, best of three.\n\n| Car | Top | Average |\n|---|--:|--:|\n| Vole | 212 | 148 |\n";
    assert_eq!(find(&derive(rates), "212").unit, "km/h");
    let caption =
        "Table 4. Grants by school, 2025 (€ million)\n\n| School | Value of grants |\n|---|--:|\n| Law | 12.5 |\n";
    let all = derive(caption);
    let law = find(&all, "12.5");
    assert_eq!((law.value, law.unit.as_str()), (Some(12.5e6), "EUR"));
    let header = "| Disk | Read (MB/s) |\n|---|--:|\n| A1 | 540 |\n";
    assert_eq!(find(&derive(header), "540").unit, "MB/s");
}

#[test]
fn clocks_under_a_clock_format_header_are_lengths_of_time() {
    let text = "Lap times, 2024\n\n| Rider | Best lap (m:ss) | Race (h:mm:ss) | Start |\n|---|--:|--:|--:|\n| Ines | 1:42 | 1:03:20 | 14:05 |\n";
    let all = derive(text);
    let lap = find(&all, "1:42");
    assert_eq!((lap.value, lap.unit.as_str()), (Some(102.0), "seconds"));
    assert_eq!(lap.period.as_deref(), Some("2024"));
    assert_eq!(find(&all, "1:03:20").value, Some(3800.0));
    // A clock under a header that names no format is a time of day, not a figure.
    assert!(all.iter().all(|f| !f.text.contains("14:05")), "{all:#?}");
    let minutes = "| Route | Journey (h:mm) |\n|---|--:|\n| Coast | 2:35 |\n";
    assert_eq!(find(&derive(minutes), "2:35").value, Some(9300.0));
}

#[test]
fn a_bracketed_unit_wins_a_currency_with_its_scale_is_the_caption_unit_and_letters_abbreviate() {
    let text = "| Site | Cleared within two hours (%) |\n|---|--:|\n| Quay | 81.5 |\n";
    assert_eq!(find(&derive(text), "81.5").unit, "percent");
    let caption =
        "Table 2. Exports by port, current prices, € million\n\n| Port | 2024 |\n|---|--:|\n| Hale | 2,310 |\n";
    let hale = find(&derive(caption), "2,310").clone();
    assert_eq!((hale.value, hale.unit.as_str()), (Some(2.31e9), "EUR"));
    let league =
        "Final table, 2024\n\n| Club | W | D | L | Pts |\n|---|--:|--:|--:|--:|\n| Rovers | 9 | 3 | 2 | 30 |\n";
    let all = derive(league);
    assert!(
        all.iter().all(|f| !matches!(f.unit.as_str(), "W" | "litres")),
        "{all:#?}"
    );
}

#[test]
fn rows_headed_by_the_day_a_week_ends_or_begins_are_weeks() {
    let ending = "| Week ending | Calls |\n|---|--:|\n| 5 January 2025 | 1,204 |\n";
    assert_eq!(
        find(&derive(ending), "1,204").period.as_deref(),
        Some("2024-12-30/2025-01-05")
    );
    let beginning = "| Week beginning | Calls |\n|---|--:|\n| 3 March 2025 | 998 |\n";
    assert_eq!(
        find(&derive(beginning), "998").period.as_deref(),
        Some("2025-03-03/2025-03-09")
    );
    let day = "| Date | Calls |\n|---|--:|\n| 3 March 2025 | 998 |\n";
    assert_eq!(find(&derive(day), "998").period.as_deref(), Some("2025-03-03"));
}

#[test]
fn months_under_a_span_across_two_years_take_the_year_they_fall_in() {
    let text = "Calls handled by month, October 2023 to September 2024\n\n| Month | Calls |\n|---|--:|\n| November | 8,120 |\n| February | 7,460 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "8,120").period.as_deref(), Some("2023-11"));
    assert_eq!(find(&all, "7,460").period.as_deref(), Some("2024-02"));
    let dash =
        "Calls handled by month, October 2023–September 2024\n\n| Month | Calls |\n|---|--:|\n| February | 7,460 |\n";
    assert_eq!(find(&derive(dash), "7,460").period.as_deref(), Some("2024-02"));
}

#[test]
fn a_caption_unit_after_a_scale_or_as_a_rate_is_the_cells_unit() {
    let scaled = "Freight by port ('000 tonnes)\n\n| Port | 2023 | 2024 |\n|---|--:|--:|\n| Brill | 412 | 398 |\n";
    let all = derive(scaled);
    let brill = find(&all, "398");
    assert_eq!((brill.value, brill.unit.as_str()), (Some(398_000.0), "tonnes"));
    let words = "Catch by species (thousand tonnes)\n\n| Species | 2024 |\n|---|--:|\n| Cod | 71 |\n";
    let cod = find(&derive(words), "71").clone();
    assert_eq!((cod.value, cod.unit.as_str()), (Some(71_000.0), "tonnes"));
    let share = "Table 5. Turnout by ward (per cent)\n\n| Ward | 2024 |\n|---|--:|\n| Oakley | 61.5 |\n";
    assert_eq!(find(&derive(share), "61.5").unit, "percent");
    let rate = "Mean ozone by site (µg/m³)\n\n| Site | 2024 |\n|---|--:|\n| Ridge | 58.2 |\n";
    assert_eq!(find(&derive(rate), "58.2").unit, "µg/m³");
}

#[test]
fn versions_in_a_table_are_names_not_figures() {
    let text = "| Tool | Time (s) | Peak memory (MB) |\n|---|--:|--:|\n| sifter 3.1 | 41.8 | 212 |\n| grub v2 | 88 | 96 |\n\n| Platform | Minimum version |\n|---|---|\n| macOS | 12 (Monterey) |\n| Windows | 10, version 1809 |\n";
    let all = derive(text);
    assert_eq!(all.len(), 4, "only the times and the memory: {all:#?}");
    assert_eq!(find(&all, "41.8").unit, "seconds");
    assert_eq!(find(&all, "212").unit, "MB");
}

#[test]
fn a_tables_pair_of_years_is_the_financial_year_the_text_defined() {
    let text = "This review covers the academic year from 1 August 2025 to 31 July 2026.\n\nTable 2. Grants by school, 2025/26\n\n| School | Grants |\n|---|--:|\n| Law | 42 |\n";
    assert_eq!(find(&derive(text), "42").period, period("2025-08/2026-07"));
}

#[test]
fn a_unit_over_the_row_names_and_a_two_word_unit_in_brackets() {
    // The unit in brackets over the column of row names holds for the cells beside them.
    let text = "| Route (minutes) | 2023 | 2024 |\n|---|--:|--:|\n| Harbour loop | 42.5 | 39.0 |\n| Airport express | 27.1 | 25.4 |\n";
    let all = derive(text);
    let loop_2024 = find(&all, "39.0");
    assert_eq!(
        (loop_2024.unit.as_str(), loop_2024.period.clone()),
        ("minutes", period("2024")),
        "{all:#?}"
    );
    // Without brackets the first header is only the row names' heading.
    let text = "| Route | Trips | Riders |\n|---|--:|--:|\n| Harbour loop | 420 | 9,310 |\n";
    assert_eq!(find(&derive(text), "9,310").unit, "riders");
    // "(percentage points)" is one unit, not the week in the words before it.
    let text =
        "| Lake | Level (%) | Change on the week (percentage points) |\n|---|--:|--:|\n| Ardle | 61.2 | -1.4 |\n";
    let change = find(&derive(text), "-1.4").unit.clone();
    assert_eq!(change, "percentage points");
}

#[test]
fn a_caption_in_millions_of_dollars_except_per_share_amounts() {
    let text = "Selected data (unaudited; in millions of U.S. dollars, except per-share amounts)\n\n| | 2025 | 2024 |\n|---|--:|--:|\n| Net sales | 88.4 | 81.2 |\n| Earnings per share, diluted | 0.41 | 0.26 |\n";
    let all = derive(text);
    let sales = find(&all, "88.4");
    assert_eq!((sales.value, sales.unit.as_str()), (Some(88.4e6), "USD"), "{all:#?}");
    let eps = find(&all, "0.41");
    assert_eq!((eps.value, eps.unit.as_str()), (Some(0.41), "USD"), "{all:#?}");
    // Without the exception, every row is in millions.
    let text = "Costs (in thousands of euros)\n\n| | 2025 |\n|---|--:|\n| Rent per site | 12.5 |\n";
    let rent = find(&derive(text), "12.5").clone();
    assert_eq!((rent.value, rent.unit.as_str()), (Some(12_500.0), "EUR"));
}

#[test]
fn a_change_column_is_of_the_latest_year_and_a_rows_months_take_the_columns_year() {
    let text = "Table 3. Passengers by season, 2025 and 2026 (thousands)\n\n| Season | 2025 | 2026 | Change (%) |\n|---|--:|--:|--:|\n| Spring (March to May) | 410 | 436 | 6.3 |\n| Winter (January, February and December) | 120 | 118 | -1.7 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "410").period, period("2025-03/2025-05"), "{all:#?}");
    assert_eq!(find(&all, "436").period, period("2026-03/2026-05"));
    assert_eq!(find(&all, "6.3").period, period("2026-03/2026-05"));
    // Months that are not one span give the column's year alone.
    assert_eq!(find(&all, "120").period, period("2025"));
    assert_eq!(find(&all, "-1.7").period, period("2026"));
    // "Change on 2025" is measured from 2025: the change is of the table's year.
    let text = "Table 4. Loans by month, 2026\n\n| Month | Loans | Change on 2025 (%) |\n|---|--:|--:|\n| March | 1,120 | 4.2 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "4.2").period, period("2026-03"), "{all:#?}");
    assert_eq!(find(&all, "1,120").period, period("2026-03"));
}

#[test]
fn columns_of_names_before_the_figures_all_name_the_row() {
    let text = "| Site | Measure | March 2024 quarter | June 2024 quarter |\n|---|---|--:|--:|\n| Pell Down | Rock crushed (t) | 804,100 | 912,600 |\n| Pell Down | Silver produced (oz) | 21,300 | 24,870 |\n| Pell Down | Head grade (g/t) | 2.15 | 2.31 |\n";
    let all = derive(text);
    assert_eq!(all.len(), 6, "the two columns of names are not figures: {all:#?}");
    let rock = find(&all, "912,600");
    assert_eq!(
        (rock.unit.as_str(), rock.period.clone()),
        ("tonnes", period("2024-04/2024-06")),
        "{rock:?}"
    );
    // The cell with the unit names the measure, the row's name where; "(t)" is no word of it.
    assert_eq!(rock.measure, "Rock crushed in Pell Down", "{rock:?}");
    assert_eq!(find(&all, "21,300").unit, "ounces");
    assert_eq!(find(&all, "2.15").unit, "g/t");
    assert_eq!(find(&all, "804,100").period, period("2024-01/2024-03"));
    // A label column repeating a word of the row's name does not say it twice.
    let level = "| School | Level | Pupils |\n|---|---|--:|\n| Marsh Lane Primary | Primary | 312 |\n| Oakfield High | High | 1,040 |\n";
    let schools = derive(level);
    let marsh = find(&schools, "312");
    assert_eq!(marsh.measure.matches("Primary").count(), 1, "{marsh:?}");
}

#[test]
fn a_table_restating_a_figure_of_the_text_is_the_same_fact() {
    let text = "Tonnage through the terminal fell to 12.6 million tonnes in 2023.\n\n| Year | Freight (million tonnes) |\n|---|--:|\n| 2022 | 13.1 |\n| 2023 | 12.6 |\n";
    let all = derive(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(find(&all, "12.6 million tonnes").mentions, 2, "{all:#?}");
    // The same number in a table about something else and another year stays its own.
    let other = "Freight fell to 12.6 million tonnes in 2023.\n\n| Year | Coal (million tonnes) |\n|---|--:|\n| 2021 | 12.6 |\n";
    assert_eq!(derive(other).len(), 2, "{:#?}", derive(other));
}

#[test]
fn a_day_without_a_year_heading_a_row_dates_its_cells_in_the_tables_year() {
    let text = "Table 3. Boats launched by the lifeboat station, June 2023\n\n| Day | Launches | Crew hours |\n|---|--:|--:|\n| 11 June | 4 | 37 |\n| 12 June | 2 | 15 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "4").period, period("2023-06-11"), "{all:#?}");
    assert_eq!(find(&all, "15").period, period("2023-06-12"), "{all:#?}");
    // With no year anywhere the day stays yearless.
    let yearless = "| Day | Launches |\n|---|--:|\n| 11 June | 4 |\n";
    assert_eq!(find(&derive(yearless), "4").period, period("--06-11"));
}

#[test]
fn a_period_in_brackets_in_a_header_dates_its_column() {
    let text = "| Club | Members (March 2023) | Pitches (2023) |\n|---|--:|--:|\n| Ashby Rovers | 412 | 6 |\n";
    let all = derive(text);
    assert_eq!(find(&all, "412").period, period("2023-03"), "{all:#?}");
    assert_eq!(find(&all, "6").period, period("2023"), "{all:#?}");
}

#[test]
fn a_column_named_by_one_noun_counts_it_and_a_name_in_a_row_is_no_unit() {
    let text = "Table 4. By school, 2022\n\n| School | Enrolment | Staff (FTE) |\n|---|--:|--:|\n| Pinder Hills Academy | 1,214 | 88 |\n| Oakley | 640 | 41 |\n";
    let all = derive(text);
    let pinder = find(&all, "1,214");
    assert_eq!(pinder.unit, "students", "'Hills' is part of a name: {pinder:?}");
    assert_eq!(find(&all, "640").unit, "students", "{all:#?}");
    // A column of ranks or years is no count.
    let ranks = "| Rank | Team | Points |\n|---|---|--:|\n| First | Corby | 61 |\n";
    assert!(derive(ranks).iter().all(|f| f.unit != "rank"), "{:#?}", derive(ranks));
}
