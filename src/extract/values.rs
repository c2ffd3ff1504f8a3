//! Values that facts carry instead of an entity: counts ("more than 730 million users") and
//! dates ("signed … on Thursday", "on January 5"), read with the word lists of `cues.json`.

/// A count found in a sentence: its value and the byte range from the number to the noun.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub predicate: String,
    pub value: u64,
    pub start: usize,
    pub end: usize,
}

/// What the count and date readers need from the lexicon.
#[derive(Debug, Clone, Default)]
pub struct ValueCues {
    /// "million" → 1,000,000.
    pub multipliers: Vec<(String, u64)>,
    /// Lower-cased counted noun → predicate ("users" → `userCount`).
    pub counted: Vec<(String, String)>,
    /// Words that may stand between the number and the noun ("monthly active users").
    pub count_modifiers: Vec<String>,
    /// Words that make a count a sum over several entities ("together").
    pub joint: Vec<String>,
    /// Monday first.
    pub weekdays: Vec<String>,
    /// Lower-cased month names and abbreviations ("jan", "sept") → 1 to 12.
    pub months: Vec<(String, u32)>,
    /// Lower-cased "takes effect in", "effective in", split at spaces: a duration after them
    /// dates an effect.
    pub effect_phrases: Vec<Vec<String>>,
    /// "days" → 1, "weeks" → 7.
    pub duration_units: Vec<(String, u32)>,
}

/// "takes effect in 45 days": the days and the byte range of the phrase in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    pub days: u32,
    pub start: usize,
    pub end: usize,
}

/// A sentence's words with their byte ranges (punctuation around a word is not part of it),
/// each also lower-cased: read once for every reader of values in the sentence.
pub struct Words<'a> {
    text: &'a str,
    spans: Vec<(usize, usize)>,
    /// The words lower-cased, word `i` at `lowered_spans[i]`.
    lowered: String,
    lowered_spans: Vec<(usize, usize)>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Self {
        let spans = spans(text);
        let (lowered, lowered_spans) = if text.is_ascii() {
            // Most sentences: lower-cased at once, every byte staying where it is.
            (text.to_ascii_lowercase(), spans.clone())
        } else {
            let mut lowered = String::with_capacity(text.len());
            let mut lowered_spans = Vec::with_capacity(spans.len());
            for &(start, end) in &spans {
                let from = lowered.len();
                lowered.push_str(&text[start..end].to_lowercase());
                lowered_spans.push((from, lowered.len()));
            }
            (lowered, lowered_spans)
        };
        Self {
            text,
            spans,
            lowered,
            lowered_spans,
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Word `at`, lower-cased, if there is one.
    fn get(&self, at: usize) -> Option<&str> {
        let &(start, end) = self.lowered_spans.get(at)?;
        Some(&self.lowered[start..end])
    }

    fn lower(&self, at: usize) -> &str {
        self.get(at).expect("a word of the sentence")
    }
}

/// The byte ranges of a text's words: runs of letters, digits and `.,'-` without the `.,'` at
/// their ends or a `-` at their start.
fn spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // The marks trimmed are ASCII: they are trimmed byte by byte.
    let mut push = |mut start: usize, mut end: usize| {
        while end > start && matches!(bytes[end - 1], b'.' | b',' | b'\'') {
            end -= 1;
        }
        while start < end && matches!(bytes[start], b'.' | b',' | b'\'' | b'-') {
            start += 1;
        }
        if start < end {
            out.push((start, end));
        }
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '.' | ',' | '\'' | '-');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// "27", "1,000", "1.5" as a number.
fn number(word: &str) -> Option<f64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = word.chars().filter(|c| *c != ',').collect();
    digits.parse().ok()
}

/// Every "<number> [multiplier] [modifiers] <counted noun>" of a sentence.
pub fn counts(words: &Words<'_>, cues: &ValueCues) -> Vec<Count> {
    let mut found = Vec::new();
    for noun_at in 0..words.len() {
        let noun = words.lower(noun_at);
        let Some((_, predicate)) = cues.counted.iter().find(|(n, _)| n == noun) else {
            continue;
        };
        let mut at = noun_at;
        // At most two modifiers: "annual active users".
        for _ in 0..2 {
            if at > 0
                && cues
                    .count_modifiers
                    .iter()
                    .any(|m| m == words.lower(at - 1))
            {
                at -= 1;
            }
        }
        let mut scale = 1;
        if at > 0 {
            if let Some((_, m)) = cues
                .multipliers
                .iter()
                .find(|(w, _)| w == words.lower(at - 1))
            {
                scale = *m;
                at -= 1;
            }
        }
        let Some(value) = at.checked_sub(1).and_then(|i| number(words.lower(i))) else {
            continue;
        };
        // "$34.5 billion users" does not occur; a currency sign means money, not people.
        let number_start = words.spans[at - 1].0;
        if words.text[..number_start].ends_with(['$', '€', '£', '¥']) {
            continue;
        }
        found.push(Count {
            predicate: predicate.clone(),
            value: (value * scale as f64).round() as u64,
            start: number_start,
            end: words.spans[noun_at].1,
        });
    }
    found
}

/// Whether the text between an entity and a count says the count is shared with others.
pub fn is_joint(between: &str, cues: &ValueCues) -> bool {
    let between = between.to_lowercase();
    let words: Vec<&str> = between
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    cues.joint
        .iter()
        .any(|j| joined.contains(&format!(" {j} ")))
}

/// The day a sentence dates its event: "on Thursday" (the latest such day on or before the
/// publication date, as wire copy uses it), "on January 5" or "on Jan. 5, 2021" (the year of
/// publication unless given, or the year before when that date would come after publication).
/// Needs the publication date for anything but a full date.
pub fn event_date(words: &Words<'_>, published: Option<&str>, cues: &ValueCues) -> Option<String> {
    let published = published.and_then(parse_date);
    for i in 0..words.len() {
        if words.lower(i) != "on" {
            continue;
        }
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        if let Some(weekday) = cues.weekdays.iter().position(|d| d.to_lowercase() == next) {
            let day = days_from_date(published?);
            let back = (weekday_of(day) + 7 - weekday) % 7;
            return Some(format_date(date_from_days(day - back as i64)));
        }
        let (Some(month), Some(day)) = (month_at(words, i + 1, cues), day_at(words, i + 2)) else {
            continue;
        };
        let stated_year = year_at(words, i + 3);
        let year = match (stated_year, published) {
            (Some(year), _) => year,
            (None, Some((year, pm, pd))) if (month, day) > (pm, pd) => year - 1,
            (None, Some((year, _, _))) => year,
            (None, None) => continue,
        };
        return Some(format_date((year, month, day)));
    }
    None
}

/// Every "<effect phrase> <number> <unit>" of a sentence ("take effect in 45 days").
pub fn effect_durations(words: &Words<'_>, cues: &ValueCues) -> Vec<Duration> {
    // Each with the index of its phrase: sorted by place, then phrase, they come out in the
    // order of a search phrase by phrase.
    let mut found = Vec::new();
    // A duration has a number: phrases are looked for only before one, not at every word.
    for number_at in 0..words.len().saturating_sub(1) {
        // Large counts are not durations of this kind; the bound also keeps the arithmetic
        // far from overflow.
        let Some(count) = words
            .lower(number_at)
            .parse::<u32>()
            .ok()
            .filter(|c| *c <= 3650)
        else {
            continue;
        };
        let Some((_, unit)) = cues
            .duration_units
            .iter()
            .find(|(u, _)| u == words.lower(number_at + 1))
        else {
            continue;
        };
        for (index, phrase) in cues.effect_phrases.iter().enumerate() {
            let Some(at) = number_at.checked_sub(phrase.len()) else {
                continue;
            };
            if phrase
                .iter()
                .enumerate()
                .all(|(k, p)| p == words.lower(at + k))
            {
                let duration = Duration {
                    days: count * unit,
                    start: words.spans[at].0,
                    end: words.spans[number_at + 1].1,
                };
                found.push((duration, index));
            }
        }
    }
    found.sort_by_key(|(duration, index)| (duration.start, *index));
    found.into_iter().map(|(duration, _)| duration).collect()
}

/// The first full date of `words` with a year: "September 27, 2018", "Sept. 27 2018",
/// "22 February 2022", "2021-01-06".
pub fn full_date(words: &Words<'_>, cues: &ValueCues) -> Option<String> {
    (0..words.len()).find_map(|i| {
        let found = if let (Some(month), Some(day), Some(year)) = (
            month_at(words, i, cues),
            day_at(words, i + 1),
            year_at(words, i + 2),
        ) {
            Some((year, month, day))
        } else if let (Some(day), Some(month), Some(year)) = (
            day_at(words, i),
            month_at(words, i + 1, cues),
            year_at(words, i + 2),
        ) {
            Some((year, month, day))
        } else {
            words.get(i).filter(|w| w.len() == 10).and_then(parse_date)
        };
        found.filter(|date| is_real_date(*date)).map(format_date)
    })
}

/// The month word `i` names ("sept", "jan", "february"), if any.
fn month_at(words: &Words<'_>, i: usize, cues: &ValueCues) -> Option<u32> {
    let word = words.get(i)?;
    cues.months
        .iter()
        .find(|(name, _)| name.trim_end_matches('.') == word)
        .map(|(_, month)| *month)
}

/// Word `i` as a day of a month, if it can be one.
fn day_at(words: &Words<'_>, i: usize) -> Option<u32> {
    words
        .get(i)?
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=31).contains(d))
}

/// Word `i` as the year of a date in news, if it can be one.
fn year_at(words: &Words<'_>, i: usize) -> Option<i64> {
    words
        .get(i)?
        .parse::<i64>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
}

/// Whether a year, month and day name a day of the calendar, in the years news is about.
fn is_real_date((year, month, day): (i64, u32, u32)) -> bool {
    (1900..=2200).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let next = if month == 12 {
        (year + 1, 1, 1)
    } else {
        (year, month + 1, 1)
    };
    (days_from_date(next) - days_from_date((year, month, 1))) as u32
}

/// A `YYYY-MM-DD` date in a file's name, as in `2021-01-06-alipay-ban.txt`.
pub fn date_in_name(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let candidate = name.get(at..at + 10)?;
        let alone = (at == 0 || !bytes[at - 1].is_ascii_digit())
            && !bytes.get(at + 10).is_some_and(u8::is_ascii_digit);
        let shaped = candidate.as_bytes()[4] == b'-' && candidate.as_bytes()[7] == b'-';
        let date = parse_date(candidate)?;
        (alone && shaped && is_real_date(date)).then(|| format_date(date))
    })
}

/// The day `days` after a date written `YYYY-MM-DD`.
pub fn add_days(date: &str, days: u32) -> Option<String> {
    let day = days_from_date(parse_date(date)?);
    Some(format_date(date_from_days(day + i64::from(days))))
}

fn parse_date(date: &str) -> Option<(i64, u32, u32)> {
    let mut parts = date.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

fn format_date((year, month, day): (i64, u32, u32)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (eras of 400 years).
fn days_from_date((year, month, day): (i64, u32, u32)) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = i64::from((month + 9) % 12);
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn date_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Monday is 0.
fn weekday_of(days: i64) -> usize {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> ValueCues {
        crate::extract::lexicon::Rules::embedded(
            crate::ontology::Ontology::embedded().expect("ontology"),
        )
        .expect("rules")
        .values
    }

    #[test]
    fn calendar_arithmetic_round_trips_and_knows_weekdays() {
        for date in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2020, 8, 6),
            (2021, 1, 5),
            (1900, 3, 1),
            (2100, 12, 31),
        ] {
            assert_eq!(date_from_days(days_from_date(date)), date);
        }
        assert_eq!(days_from_date((1970, 1, 1)), 0);
        assert_eq!(weekday_of(days_from_date((2020, 8, 6))), 3, "a Thursday");
        assert_eq!(weekday_of(days_from_date((2026, 11, 27))), 4, "a Friday");
        assert_eq!(
            days_from_date((2021, 3, 1)) - days_from_date((2021, 2, 28)),
            1
        );
    }

    #[test]
    fn counts_with_multipliers_and_modifiers() {
        let cues = cues();
        let text = "Alipay has more than 1 billion annual users, and Grindr 27 million users; \
                    it raised $34.5 billion users-free and 1,200 users signed up.";
        let found: Vec<(String, u64)> = counts(&Words::new(text), &cues)
            .into_iter()
            .map(|c| (c.predicate, c.value))
            .collect();
        assert_eq!(
            found,
            [
                ("userCount".to_owned(), 1_000_000_000),
                ("userCount".to_owned(), 27_000_000),
                ("userCount".to_owned(), 1_200),
            ]
        );
        let sentence = "WeChat has more than 1.2 billion monthly active users.";
        let count = &counts(&Words::new(sentence), &cues)[0];
        assert_eq!(count.value, 1_200_000_000);
        assert_eq!(
            &sentence[count.start..count.end],
            "1.2 billion monthly active users"
        );
        assert!(counts(&Words::new("Users are leaving; 30 percent said so."), &cues).is_empty());
        let joint =
            "China Mobile and China Unicom, which together serve well over 1 billion subscribers.";
        assert!(is_joint(
            &joint[..joint.find("1 billion").unwrap_or(0)],
            &cues
        ));
        assert!(!is_joint("China Unicom, which serves well over ", &cues));
    }

    #[test]
    fn effect_durations_count_from_a_date() {
        let cues = cues();
        let text =
            "The orders, which take effect in 45 days, were issued. It is effective in 2 weeks.";
        let found = effect_durations(&Words::new(text), &cues);
        assert_eq!(found.iter().map(|d| d.days).collect::<Vec<_>>(), [45, 14]);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "take effect in 45 days"
        );
        assert_eq!(add_days("2021-01-05", 45).as_deref(), Some("2021-02-19"));
        assert_eq!(add_days("2020-12-31", 1).as_deref(), Some("2021-01-01"));
        assert_eq!(add_days("not a date", 1), None);
        // A deadline, a bare number and an outlandish count are no effective dates.
        for text in [
            "Owners must sell within 90 days.",
            "It takes effect in 45.",
            "It takes effect in 4000000000 days.",
            "It takes effect in",
        ] {
            assert!(
                effect_durations(&Words::new(text), &cues).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn full_dates_in_the_usual_orders_and_only_real_days() {
        let cues = cues();
        let date = |text: &str| full_date(&Words::new(text), &cues);
        assert_eq!(date("September 27, 2018").as_deref(), Some("2018-09-27"));
        assert_eq!(
            date("Broadcast: Sept. 27 2018").as_deref(),
            Some("2018-09-27")
        );
        assert_eq!(
            date("By Jane Doe, 22 February 2022").as_deref(),
            Some("2022-02-22")
        );
        assert_eq!(
            date("Updated 2021-01-06 at noon").as_deref(),
            Some("2021-01-06")
        );
        assert_eq!(date("February 30, 2021"), None);
        assert_eq!(date("May 2021"), None);
        assert_eq!(date("on March 5"), None);
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_name("2021-01-06-treasury-alipay.txt").as_deref(),
            Some("2021-01-06")
        );
        assert_eq!(
            date_in_name("ev-2019-05-16-huawei.txt").as_deref(),
            Some("2019-05-16")
        );
        assert_eq!(date_in_name("12021-01-06.txt"), None);
        assert_eq!(date_in_name("2021-13-06.txt"), None);
        assert_eq!(date_in_name("2021-02-29.txt"), None);
        assert_eq!(date_in_name("story.txt"), None);
    }

    #[test]
    fn event_dates_from_weekdays_and_month_days() {
        let cues = cues();
        let published = Some("2020-08-07");
        let date =
            |text: &str, published: Option<&str>| event_date(&Words::new(text), published, &cues);
        assert_eq!(
            date("Trump on Thursday signed two orders.", published).as_deref(),
            Some("2020-08-06")
        );
        assert_eq!(
            date("He signed it on Friday.", published).as_deref(),
            Some("2020-08-07"),
            "the publication day itself"
        );
        assert_eq!(
            date(
                "The order, signed on Jan. 5, takes effect later.",
                Some("2021-01-06")
            )
            .as_deref(),
            Some("2021-01-05")
        );
        assert_eq!(
            date(
                "The order signed on December 31 stands.",
                Some("2021-01-06")
            )
            .as_deref(),
            Some("2020-12-31"),
            "a later day of the year is last year's"
        );
        assert_eq!(
            date("It was signed on May 15, 2019.", None).as_deref(),
            Some("2019-05-15")
        );
        assert_eq!(date("Trump on Thursday signed it.", None), None);
        assert_eq!(date("He signed on behalf of the company.", published), None);
    }
}
