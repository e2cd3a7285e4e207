//! Units a number may carry ("km", "per cent", "MB", "°C", "dollars"), their names in a
//! statistic, and currencies.

use std::sync::LazyLock;

use super::words::{FastMap, ascii_lower, pairs};

/// Units written as words after a number (compared in lower case) and their names in a statistic.
static UNIT_WORDS: LazyLock<FastMap<String, String>> = LazyLock::new(|| {
    pairs(
        "percent:percent pct:percent %:percent second:seconds seconds:seconds sec:seconds secs:seconds \
         minute:minutes minutes:minutes min:minutes mins:minutes hour:hours hours:hours hrs:hours \
         day:days days:days week:weeks weeks:weeks month:months months:months year:years years:years \
         yrs:years decade:decades decades:decades century:centuries centuries:centuries \
         millisecond:ms milliseconds:ms kilometre:km kilometres:km kilometer:km kilometers:km \
         metre:m metres:m meter:m meters:m centimetre:cm centimetres:cm centimeter:cm centimeters:cm \
         millimetre:mm millimetres:mm millimeter:mm millimeters:mm mile:miles miles:miles foot:feet \
         feet:feet inch:inches inches:inches hectare:hectares hectares:hectares acre:acres acres:acres \
         tonne:tonnes tonnes:tonnes ton:tonnes tons:tonnes kilogram:kg kilograms:kg kilo:kg kilos:kg \
         gram:g grams:g litre:litres litres:litres liter:litres liters:litres barrel:barrels \
         barrels:barrels degree:degrees degrees:degrees °c:°C °f:°F mph:mph dollar:USD dollars:USD \
         euro:EUR euros:EUR horsepower:horsepower watt:W watts:W kilowatt:kW kilowatts:kW \
         megawatt:MW megawatts:MW hectolitre:hectolitres hectolitres:hectolitres hectoliter:hectolitres \
         hectoliters:hectolitres ounce:ounces ounces:ounces oz:ounces",
    )
});

/// Unit symbols whose case matters ("MB" is not "mb", "m" is metres).
static UNIT_SYMBOLS: LazyLock<FastMap<String, String>> = LazyLock::new(|| {
    pairs(
        "km:km m:m cm:cm mm:mm kg:kg g:g ms:ms s:seconds h:hours ha:hectares km2:km2 km²:km2 m2:m2 \
         m²:m2 m3:cubic_metres m³:cubic_metres km/h:km/h KB:KB kB:KB MB:MB GB:GB TB:TB KiB:KiB MiB:MiB \
         GiB:GiB W:W kW:kW MW:MW GW:GW kWh:kWh MWh:MWh GWh:GWh TWh:TWh TEU:TEU hl:hectolitres USD:USD EUR:EUR GBP:GBP \
         µg:µg μg:µg mg:mg ng:ng l:litres ft:feet t:tonnes g/t:g/t",
    )
});

/// Units of two words (in lower case): "per cent", "cubic metres", "degrees Celsius".
static UNIT_PAIRS: LazyLock<FastMap<String, String>> = LazyLock::new(|| {
    pairs(
        "per_cent:percent percentage_points:percentage_points percentage_point:percentage_points \
         cubic_metres:cubic_metres cubic_meters:cubic_metres square_kilometres:km2 \
         square_kilometers:km2 square_miles:square_miles square_metres:m2 square_meters:m2 \
         degrees_celsius:°C degrees_fahrenheit:°F °_c:°C °_f:°F light_years:light_years \
         basis_points:basis_points basis_point:basis_points",
    )
});

/// The unit a single word writes, if it writes one: "km", "Kilometres", "%", "MB".
pub fn unit_word(word: &str) -> Option<&'static str> {
    if word.len() > 16 {
        return None;
    }
    if let Some(name) = UNIT_SYMBOLS.get(word) {
        return Some(name.as_str());
    }
    let mut buffer = [0u8; 16];
    UNIT_WORDS.get(ascii_lower(word, &mut buffer)).map(String::as_str)
}

/// The unit two words write together, if they do: "per cent", "cubic metres".
pub fn unit_pair(first: &str, second: &str) -> Option<&'static str> {
    if !UNIT_PAIR_FIRSTS.iter().any(|f| f.eq_ignore_ascii_case(first)) {
        return None;
    }
    let key = format!("{} {}", first.to_ascii_lowercase(), second.to_ascii_lowercase());
    UNIT_PAIRS.get(&key).map(String::as_str)
}

/// First words of the two-word units, to skip the lookup for every other word.
const UNIT_PAIR_FIRSTS: [&str; 8] = ["per", "percentage", "cubic", "square", "degrees", "°", "light", "basis"];

/// Whether `name` is a unit of measure (a duration, a distance, money, a share...) rather than a
/// counted noun ("attacks", "people").
pub fn is_measurement_unit(name: &str) -> bool {
    if let Some((a, b)) = name.split_once('/') {
        return unit_word(a).is_some() && unit_word(b).is_some();
    }
    ISO_CURRENCIES.contains(&name)
        || [&UNIT_WORDS, &UNIT_SYMBOLS, &UNIT_PAIRS]
            .iter()
            .any(|table| table.values().any(|n| n == name))
}

/// What a unit of measure measures, for telling a conversion from a second figure: "7,150
/// metres (23,458 ft)" gives one height twice. Units of one dimension share a number.
pub fn dimension(name: &str) -> Option<u8> {
    Some(match name {
        "km" | "m" | "cm" | "mm" | "miles" | "feet" | "inches" => 1,
        "kg" | "g" | "tonnes" | "mg" | "µg" | "ng" => 2,
        "°C" | "°F" => 3,
        "hectares" | "acres" | "km2" | "m2" | "square miles" => 4,
        "litres" | "cubic metres" | "hectolitres" | "barrels" => 5,
        "km/h" | "mph" => 6,
        _ => return None,
    })
}

/// Durations among the units.
pub fn is_duration(name: &str) -> bool {
    matches!(
        name,
        "ms" | "seconds" | "minutes" | "hours" | "days" | "weeks" | "months" | "years" | "decades" | "centuries"
    )
}

/// A unit's short symbol, for naming a rate: "hectolitres" -> "hl", "hours" -> "h".
pub fn unit_symbol(name: &str) -> &str {
    match name {
        "seconds" => "s",
        "minutes" => "min",
        "hours" => "h",
        "days" => "day",
        "weeks" => "week",
        "months" => "month",
        "years" => "year",
        "hectolitres" => "hl",
        "hectares" => "ha",
        "cubic metres" => "m³",
        "litres" => "l",
        "tonnes" => "t",
        other => other,
    }
}

/// A rate's name from its two units: "hectolitres" per "hectares" is "hl/ha".
pub fn rate(unit: &str, per: &str) -> String {
    format!("{}/{}", unit_symbol(unit), unit_symbol(per))
}

/// The same unit however it is spelled: a known unit's name, else the singular of the word in
/// lower case. "Kilometres" and "km" are the same; so are "Deaths" and "death".
pub fn unit_key(unit: &str) -> String {
    let trimmed = unit.trim();
    // A rate: each side as its own unit ("hl/ha" and "hectolitres/hectares" are one).
    if let Some((a, b)) = trimmed.split_once('/')
        && !a.is_empty()
        && !b.is_empty()
    {
        let side = |u: &str| {
            let key = unit_key(u);
            unit_word(&key).map_or(key, |n| unit_symbol(n).to_owned())
        };
        return format!("{}/{}", side(a), side(b));
    }
    if let Some(name) = unit_word(trimmed) {
        return name.to_owned();
    }
    if let Some((a, b)) = trimmed.split_once(' ')
        && let Some(name) = unit_pair(a, b)
    {
        return name.to_owned();
    }
    if is_measurement_unit(trimmed) {
        return trimmed.to_owned();
    }
    crate::figure::singular(&trimmed.to_lowercase())
}

/// Currency written before a number: `$`, `US$`, `€`, `£`, `¥`, `₹`, or an ISO 4217 code.
pub fn currency_symbol(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        code => ISO_CURRENCIES.iter().find(|c| **c == code).copied()?,
    })
}

/// The ISO 4217 codes of the currencies most often written in English text.
const ISO_CURRENCIES: [&str; 36] = [
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "PKR", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "ISK", "PLN",
    "CZK", "HUF", "RON", "RUB", "UAH", "TRY", "BRL", "MXN", "ARS", "ZAR", "NGN", "KES", "EGP", "SAR", "AED", "ILS",
    "KRW", "SGD", "HKD", "IDR",
];
