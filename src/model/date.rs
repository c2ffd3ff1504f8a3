//! Calendar dates as fact sheets and date filters write them: `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `YYYY-MM-DD` date that exists in the proleptic Gregorian calendar. Kept as its text, which
/// orders as the dates do, so that it compares with the dates a store holds as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date([u8; 10]);

/// Text that is not a [`Date`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date `{0}`")]
pub struct InvalidDate(pub String);

impl Date {
    pub fn parse(text: &str) -> Result<Self, InvalidDate> {
        let invalid = || InvalidDate(text.to_owned());
        let bytes: [u8; 10] = text.as_bytes().try_into().map_err(|_| invalid())?;
        if bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid());
        }
        let number = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes[range].iter().try_fold(0, |n, b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(invalid());
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(invalid()),
        };
        if (1..=days_in_month).contains(&day) {
            Ok(Self(bytes))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dashes get in.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// A date as a fact sheet gives it: a [`Date`], or the text that is none. Reading a sheet keeps
/// the bad text rather than failing on it, so that validation reports every bad date of the
/// sheet, each with its place, and not only the first one the reader meets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SheetDate {
    Valid(Date),
    Invalid(String),
}

impl SheetDate {
    pub fn parse(text: &str) -> Self {
        Date::parse(text).map_or_else(|InvalidDate(text)| Self::Invalid(text), Self::Valid)
    }

    /// The date, unless the text is none.
    pub fn date(&self) -> Option<Date> {
        match self {
            Self::Valid(date) => Some(*date),
            Self::Invalid(_) => None,
        }
    }

    /// The text as the sheet gives it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Valid(date) => date.as_str(),
            Self::Invalid(text) => text,
        }
    }
}

impl From<Date> for SheetDate {
    fn from(date: Date) -> Self {
        Self::Valid(date)
    }
}

impl fmt::Display for SheetDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SheetDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SheetDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

/// Whether `text` is a [`Date`].
pub fn is_valid_date(text: &str) -> bool {
    Date::parse(text).is_ok()
}

impl FromStr for Date {
    type Err = InvalidDate;

    fn from_str(text: &str) -> Result<Self, InvalidDate> {
        Self::parse(text)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(is_valid_date("2020-02-29"));
        assert!(is_valid_date("2000-02-29"));
        assert!(!is_valid_date("1900-02-29"));
        assert!(!is_valid_date("2021-02-30"));
        assert!(!is_valid_date("2021-13-01"));
        assert!(!is_valid_date("2021-1-01"));
        assert!(!is_valid_date("２０２１-01-01"));
        assert!(!is_valid_date("2021-01-0a"));
        assert!(!is_valid_date("+021-01-01"));
        assert!(!is_valid_date(""));
    }

    #[test]
    fn sheet_dates_read_any_text_and_write_it_back_as_it_was() {
        for text in ["2021-01-06", "2021-02-30", "next Tuesday", ""] {
            let json = serde_json::to_string(text).expect("JSON");
            let read: SheetDate = serde_json::from_str(&json).expect("any text reads");
            assert_eq!(read.as_str(), text);
            assert_eq!(serde_json::to_string(&read).expect("JSON"), json);
            assert_eq!(read.date().is_some(), is_valid_date(text), "{text}");
        }
        assert_eq!(
            SheetDate::parse("2021-02-30"),
            SheetDate::Invalid("2021-02-30".to_owned())
        );
        assert!(serde_json::from_str::<SheetDate>("20210106").is_err());
    }

    #[test]
    fn dates_read_and_write_as_their_text_and_order_as_days() {
        let date = Date::parse("2021-01-06").expect("date");
        assert_eq!(date.to_string(), "2021-01-06");
        assert_eq!(
            serde_json::to_string(&date).expect("JSON"),
            "\"2021-01-06\""
        );
        assert_eq!(
            serde_json::from_str::<Date>("\"2021-01-06\"").expect("date"),
            date
        );
        assert!(
            serde_json::from_str::<Date>("\"2021-02-30\"")
                .expect_err("no such day")
                .to_string()
                .starts_with("invalid date `2021-02-30`")
        );
        assert!(Date::parse("2020-12-31").expect("date") < date);
        assert_eq!(
            "1999-13-01".parse::<Date>(),
            Err(InvalidDate("1999-13-01".to_owned()))
        );
    }
}
