use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Number;

/// The object of a fact, or the value of a qualifier.
///
/// In a fact, a bare string is an entity id; in a qualifier it is the value's lexical form
/// (`"2020-01-01"` for a date qualifier). Typed literals are one-key objects.
#[derive(Debug, Clone, PartialEq)]
pub enum FactObject {
    /// A bare JSON string.
    Id(String),
    /// A bare JSON number, accepted for qualifiers such as `"share": 0.33`.
    BareNumber(Number),
    Date(String),
    Number(Number),
    Text(String),
}

impl FactObject {
    /// The key of the typed form, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Id(_) => "a string",
            Self::BareNumber(_) => "a number",
            Self::Date(_) => "a date",
            Self::Number(_) => "a number",
            Self::Text(_) => "a text",
        }
    }
}

impl<'de> Deserialize<'de> for FactObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FactObjectVisitor)
    }
}

struct FactObjectVisitor;

impl<'de> Visitor<'de> for FactObjectVisitor {
    type Value = FactObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            r#"an entity id string or one of {"date": "YYYY-MM-DD"}, {"number": N}, {"text": "…"}"#,
        )
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<FactObject, E> {
        Ok(FactObject::Id(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<FactObject, E> {
        Ok(FactObject::Id(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<FactObject, E> {
        Ok(FactObject::BareNumber(value.into()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<FactObject, E> {
        Ok(FactObject::BareNumber(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<FactObject, E> {
        Number::from_f64(value)
            .map(FactObject::BareNumber)
            .ok_or_else(|| E::custom("a number must be finite"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FactObject, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(
                r#"empty object: write {"date": "YYYY-MM-DD"}, {"number": N} or {"text": "…"}"#,
            ));
        };
        let value = match key.as_str() {
            "date" => FactObject::Date(map.next_value()?),
            "number" => FactObject::Number(map.next_value()?),
            "text" => FactObject::Text(map.next_value()?),
            other => {
                return Err(de::Error::custom(format_args!(
                    "unknown literal key `{other}`, expected `date`, `number` or `text`"
                )));
            }
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format_args!(
                "a literal has exactly one key, found `{key}` and `{extra}`"
            )));
        }
        Ok(value)
    }
}

impl Serialize for FactObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Id(id) => serializer.serialize_str(id),
            Self::BareNumber(n) => n.serialize(serializer),
            Self::Date(d) => single_entry(serializer, "date", d),
            Self::Number(n) => single_entry(serializer, "number", n),
            Self::Text(t) => single_entry(serializer, "text", t),
        }
    }
}

fn single_entry<S: Serializer, V: Serialize>(
    serializer: S,
    key: &str,
    value: &V,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(key, value)?;
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<FactObject, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn reads_every_form() {
        assert_eq!(parse(r#""ant""#).unwrap(), FactObject::Id("ant".into()));
        assert_eq!(
            parse("0.33").unwrap(),
            FactObject::BareNumber(Number::from_f64(0.33).unwrap())
        );
        assert_eq!(
            parse(r#"{"date": "2021-01-05"}"#).unwrap(),
            FactObject::Date("2021-01-05".into())
        );
        assert_eq!(
            parse(r#"{"number": 730000000}"#).unwrap(),
            FactObject::Number(730_000_000.into())
        );
        assert_eq!(
            parse(r#"{"text": "x"}"#).unwrap(),
            FactObject::Text("x".into())
        );
    }

    #[test]
    fn rejects_bad_literal_objects() {
        let err = parse(r#"{"when": "2021"}"#).unwrap_err().to_string();
        assert!(err.contains("unknown literal key `when`"), "{err}");
        let err = parse(r#"{"date": "2021-01-01", "text": "x"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("exactly one key"), "{err}");
        let err = parse("{}").unwrap_err().to_string();
        assert!(err.contains("empty object"), "{err}");
        assert!(parse("true").is_err());
    }

    #[test]
    fn round_trips_through_json() {
        for json in [
            r#""ant""#,
            r#"{"date":"2021-01-05"}"#,
            r#"{"number":5}"#,
            r#"{"text":"x"}"#,
            "0.5",
        ] {
            let value = parse(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }
}
