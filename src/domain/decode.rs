//! The one way JSON becomes a domain value.
//!
//! Stored records, documents from the CouchDB server and imported files are all
//! decoded here, from a borrowed `serde_json::Value`, by the one deserializer
//! below. One decoder type means each domain type's `Deserialize` code is compiled
//! once instead of once per decoder, and every failure names where in the value it
//! is. The deserializer reads a `Value` as serde_json's own does (the same visits,
//! the same messages, which come from `serde_json::Error`) and adds the path on the
//! way out of a failure: each object key and array index an error passes through
//! is written onto it. Before, the decoder was serde_json's, wrapped by
//! `serde_path_to_error`, which tracks the path on the way in with its own seed
//! and visitor around each of serde_json's for every type: reading the `Value`
//! here instead made the build 11 KB smaller (brotli), once the error was boxed.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Expected, MapAccess, SeqAccess, Unexpected, VariantAccess,
    Visitor,
};
use serde_json::Value;
use std::fmt::{self, Display};

/// Why a value did not decode: the path inside it and serde's message.
/// Boxed, so that every `Result` the decoding code passes along stays small.
#[derive(Debug)]
pub struct DecodeError(Box<Failure>);

#[derive(Debug)]
struct Failure {
    /// From the failure outwards while it is being returned; from the value's
    /// root inwards once `from_value` hands it out.
    path: Vec<Segment>,
    inner: serde_json::Error,
}

/// One step of a path inside a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An element of an array, by its index.
    Seq(usize),
    /// The value under an object's key, or the content of an enum's variant.
    Map(String),
}

impl DecodeError {
    /// Where in the value the failure is, from its root.
    pub fn path(&self) -> &[Segment] {
        &self.0.path
    }

    /// serde's message, without the path.
    pub fn into_inner(self) -> serde_json::Error {
        self.0.inner
    }

    fn new(inner: serde_json::Error) -> Self {
        DecodeError(Box::new(Failure { path: Vec::new(), inner }))
    }

    /// This error, one step further out.
    fn at(mut self, segment: Segment) -> Self {
        self.0.path.push(segment);
        self
    }
}

/// The path as `a.b[2].c`, then the message; only the message when the failure is
/// the value itself.
impl Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let Failure { path, inner } = &*self.0;
        for (i, segment) in path.iter().enumerate() {
            match segment {
                Segment::Seq(index) => write!(f, "[{index}]")?,
                Segment::Map(key) if i == 0 => f.write_str(key)?,
                Segment::Map(key) => write!(f, ".{key}")?,
            }
        }
        if !path.is_empty() {
            f.write_str(": ")?;
        }
        write!(f, "{inner}")
    }
}

impl std::error::Error for DecodeError {}

/// serde_json's wording for each kind of failure.
impl de::Error for DecodeError {
    #[cold]
    fn custom<T: Display>(message: T) -> Self {
        Self::new(<serde_json::Error as de::Error>::custom(message))
    }

    #[cold]
    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        Self::new(<serde_json::Error as de::Error>::invalid_type(unexpected, expected))
    }

    #[cold]
    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        Self::new(<serde_json::Error as de::Error>::invalid_value(unexpected, expected))
    }
}

/// Decodes `value` as a `T`.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, DecodeError> {
    T::deserialize(Reader(value)).map_err(|mut error| {
        error.0.path.reverse();
        error
    })
}

/// Decodes JSON text as a `T`, if it is JSON and holds one: the text is parsed
/// as a `Value` and decoded from it, so no type is compiled again for
/// serde_json's text reader.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(&serde_json::from_str::<Value>(text).ok()?).ok()
}

/// What a value is, in a failure's message.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            (None, None) => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// Reads one borrowed value.
struct Reader<'a>(&'a Value);

impl<'de> de::Deserializer<'de> for Reader<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, f) => visitor.visit_f64(f.unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(values) => {
                let mut elements = Elements { values: values.iter(), index: 0 };
                let read = visitor.visit_seq(&mut elements)?;
                match elements.values.len() {
                    0 => Ok(read),
                    _ => Err(de::Error::invalid_length(values.len(), &"fewer elements in array")),
                }
            }
            Value::Object(object) => {
                let mut fields = Fields { entries: object.iter(), value: None };
                let read = visitor.visit_map(&mut fields)?;
                match fields.entries.len() {
                    0 => Ok(read),
                    _ => Err(de::Error::invalid_length(object.len(), &"fewer elements in map")),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is its variant's name, or an object of one key (the variant)
    /// holding its content.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.0 {
            Value::String(name) => visitor.visit_enum(Variant { name, content: None }),
            Value::Object(object) => match object.iter().next() {
                Some((name, content)) if object.len() == 1 => {
                    visitor.visit_enum(Variant { name, content: Some(content) })
                }
                _ => Err(de::Error::invalid_value(Unexpected::Map, &"map with a single key")),
            },
            other => Err(de::Error::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's elements, each failure marked with its index.
struct Elements<'a> {
    values: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for Elements<'de> {
    type Error = DecodeError;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        let Some(value) = self.values.next() else { return Ok(None) };
        let index = self.index;
        self.index += 1;
        seed.deserialize(Reader(value)).map(Some).map_err(|error| error.at(Segment::Seq(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.values.len())
    }
}

/// An object's keys and values, each failure of a value marked with its key.
struct Fields<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a str, &'a Value)>,
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = DecodeError;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some((key, value));
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, DecodeError> {
        match self.value.take() {
            Some((key, value)) => {
                seed.deserialize(Reader(value)).map_err(|error| error.at(Segment::Map(key.to_owned())))
            }
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An object's key: text, which may also name an enum's variant or fill a
/// newtype (keys that are numbers are not used by any stored type).
struct Key<'a>(&'a str);

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_enum(Variant { name: self.0, content: None })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An enum's variant: its name and, unless it was written as a bare name, its
/// content. A failure inside the content is marked with the variant's name.
struct Variant<'a> {
    name: &'a str,
    content: Option<&'a Value>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = DecodeError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), DecodeError> {
        let name = BorrowedStrDeserializer::<DecodeError>::new(self.name);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        match self.content {
            None | Some(Value::Null) => Ok(()),
            Some(other) => Err(self.inside(de::Error::invalid_type(unexpected(other), &"unit"))),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, DecodeError> {
        match self.content {
            Some(content) => seed.deserialize(Reader(content)).map_err(|error| self.inside(error)),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DecodeError> {
        match self.content {
            Some(Value::Array(values)) if values.is_empty() => visitor.visit_unit(),
            Some(content @ Value::Array(_)) => {
                de::Deserializer::deserialize_any(Reader(content), visitor).map_err(|error| self.inside(error))
            }
            Some(other) => Err(self.inside(de::Error::invalid_type(unexpected(other), &"tuple variant"))),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match self.content {
            Some(content @ Value::Object(_)) => {
                de::Deserializer::deserialize_any(Reader(content), visitor).map_err(|error| self.inside(error))
            }
            Some(other) => Err(self.inside(de::Error::invalid_type(unexpected(other), &"struct variant"))),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
        }
    }
}

impl Variant<'_> {
    fn inside(&self, error: DecodeError) -> DecodeError {
        error.at(Segment::Map(self.name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        name: String,
        count: u8,
        #[serde(default)]
        tags: Vec<Inner>,
        kind: Option<Kind>,
        #[serde(default)]
        keyed: BTreeMap<Kind, i64>,
        pair: Option<(u32, bool)>,
        tagged: Option<Tagged>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        label: String,
        weight: f64,
    }

    #[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Wrapped(u32),
        Shaped { depth: u32 },
        Pair(u32, u32),
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "type")]
    enum Tagged {
        One { at: u32 },
    }

    /// What serde_json's own deserializer says of `value`, for comparison.
    fn json_says<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
        T::deserialize(value).map_err(|e| e.to_string())
    }

    fn ours<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
        from_value(value).map_err(|e| {
            let whole = e.to_string();
            (whole, e.into_inner().to_string())
        })
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let value = json!({
            "name": "db",
            "count": 7,
            "tags": [{"label": "a", "weight": 1}, {"label": "b", "weight": -2.5}],
            "kind": {"shaped": {"depth": 3}},
            "keyed": {"plain": -4},
            "pair": [1, true],
            "tagged": {"type": "One", "at": 2},
        });
        let read: Outer = from_value(&value).unwrap();
        assert_eq!(Ok(&read), json_says::<Outer>(&value).as_ref());
        for kind in [json!("plain"), json!({"wrapped": 5}), json!({"pair": [1, 2]}), json!({"shaped": {"depth": 1}})] {
            assert_eq!(from_value::<Kind>(&kind).ok(), json_says::<Kind>(&kind).ok(), "{kind}");
        }
        assert_eq!(from_value::<Value>(&value).unwrap(), value);
        assert_eq!(from_value::<Option<u8>>(&json!(null)).unwrap(), None);
    }

    #[test]
    fn a_failure_names_its_path_and_says_what_serde_json_says() {
        let base = json!({"name": "db", "count": 7});
        let cases = [
            (json!({"count": 300}), "count", "invalid value: integer `300`, expected u8"),
            (json!({"tags": [{"label": "a", "weight": 1}, {"label": 2, "weight": 1}]}), "tags[1].label", ""),
            (json!({"tags": [{"label": "a"}]}), "tags[0]", "missing field `weight`"),
            (json!({"kind": {"shaped": {"depth": "deep"}}}), "kind.shaped.depth", ""),
            (json!({"kind": {"wrapped": 1.5}}), "kind.wrapped", ""),
            (json!({"kind": {"plain": 1, "wrapped": 1}}), "kind", ""),
            (json!({"kind": 3}), "kind", ""),
            (json!({"kind": "unheard"}), "kind", ""),
            (json!({"keyed": {"unheard": 1}}), "keyed", ""),
            (json!({"pair": [1, true, 3]}), "pair", ""),
            (json!({"tagged": {"type": "One", "at": "x"}}), "tagged", ""),
            (json!({"surplus": 1}), "", ""),
            (json!({"count": null}), "count", "invalid type: null, expected u8"),
        ];
        for (change, path, said) in cases {
            let mut value = base.clone();
            for (key, field) in change.as_object().unwrap() {
                value[key] = field.clone();
            }
            let (whole, inner) = ours::<Outer>(&value).expect_err(&value.to_string());
            let expected = json_says::<Outer>(&value).expect_err("serde_json refuses it too");
            assert_eq!(inner, expected, "{value}");
            if !said.is_empty() {
                assert_eq!(inner, said);
            }
            let prefix = if path.is_empty() { String::new() } else { format!("{path}: ") };
            assert_eq!(whole, format!("{prefix}{inner}"), "{value}");
        }
    }

    #[test]
    fn the_path_is_given_in_segments() {
        let value = json!({"name": "db", "count": 1, "tags": [{"label": "a", "weight": "x"}]});
        let error = from_value::<Outer>(&value).unwrap_err();
        let path = [Segment::Map("tags".into()), Segment::Seq(0), Segment::Map("weight".into())];
        assert_eq!(error.path(), path);
        assert_eq!(from_value::<u8>(&json!("x")).unwrap_err().to_string(), "invalid type: string \"x\", expected u8");
    }
}
