//! Name–value pairs of a query string or a form, kept in a fixed order.
//!
//! A generated operation gives each of its parameters a *slot*, its place in the spec's
//! order, so the pairs are sent in that order whatever order the setters were called in,
//! and setting a parameter again replaces its value. Pairs added without a slot
//! ([`Fields::append`]) come after, in the order they were added.

use std::borrow::Cow;

/// The first slot of pairs appended without one.
const APPENDED: u32 = 1 << 24;

/// One parameter: a value, a list sent as `name[]=a&name[]=b`, or a name alone (`?flag`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    One(String),
    List(Vec<String>),
    Flag,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    slot: u32,
    name: Cow<'static, str>,
    value: Value,
}

/// The pairs of a query string or a form, in slot order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fields(Vec<Field>);

impl Fields {
    /// Sets the parameter in `slot` to `value` (replacing an earlier value).
    pub(crate) fn set(&mut self, slot: u32, name: &'static str, value: String) {
        self.put(slot, name.into(), Value::One(value));
    }

    /// Sets the list parameter in `slot`; an empty list sends nothing.
    pub(crate) fn set_list(&mut self, slot: u32, name: &'static str, values: Vec<String>) {
        self.put(slot, name.into(), Value::List(values));
    }

    /// Sets the parameter in `slot` to `name` alone, without `=` (`?flag`).
    pub(crate) fn set_flag(&mut self, slot: u32, name: &'static str) {
        self.put(slot, name.into(), Value::Flag);
    }

    /// Appends `name=value` after every other pair.
    pub(crate) fn append(&mut self, name: Cow<'static, str>, value: String) {
        let slot = self
            .0
            .last()
            .map_or(APPENDED, |f| f.slot.max(APPENDED - 1) + 1);
        self.0.push(Field {
            slot,
            name,
            value: Value::One(value),
        });
    }

    fn put(&mut self, slot: u32, name: Cow<'static, str>, value: Value) {
        let field = Field { slot, name, value };
        match self.0.binary_search_by_key(&slot, |f| f.slot) {
            Ok(i) => self.0[i] = field,
            Err(i) => self.0.insert(i, field),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a pair is named `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|f| f.name == name)
    }

    /// Calls `each` with every pair as sent, in slot order.
    fn each_pair<'a>(&'a self, mut each: impl FnMut(Pair<'a>)) {
        for f in &self.0 {
            match &f.value {
                Value::One(v) => each(Pair {
                    name: &f.name,
                    list: false,
                    value: Some(v),
                }),
                Value::Flag => each(Pair {
                    name: &f.name,
                    list: false,
                    value: None,
                }),
                Value::List(values) => {
                    let name = f.name.trim_end_matches("[]");
                    for v in values {
                        each(Pair {
                            name,
                            list: true,
                            value: Some(v),
                        });
                    }
                }
            }
        }
    }

    /// The pairs as sent (see [`Pair`]): a list's name with `[]`, a name alone with an
    /// empty value.
    pub(crate) fn pairs(&self) -> Vec<(Cow<'_, str>, &str)> {
        let mut pairs = Vec::with_capacity(self.0.len());
        self.each_pair(|pair| {
            let name = match pair.list {
                true => Cow::Owned(format!("{}[]", pair.name)),
                false => Cow::Borrowed(pair.name),
            };
            pairs.push((name, pair.value.unwrap_or_default()));
        });
        pairs
    }

    /// The pairs form-urlencoded (`+` as `%2B`, space as `+`): a query string or an
    /// `application/x-www-form-urlencoded` body. A name alone is sent without `=`.
    pub(crate) fn encoded(&self) -> String {
        let mut out = String::new();
        self.encode_into(&mut out);
        out
    }

    /// [`encoded`](Self::encoded), appended to `out`.
    pub(crate) fn encode_into(&self, out: &mut String) {
        let start = out.len();
        self.each_pair(|pair| {
            if out.len() > start {
                out.push('&');
            }
            out.extend(url::form_urlencoded::byte_serialize(pair.name.as_bytes()));
            if pair.list {
                out.push_str("%5B%5D");
            }
            if let Some(value) = pair.value {
                out.push('=');
                out.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
            }
        });
    }
}

/// One name–value pair as sent: each item of a list gives one.
struct Pair<'a> {
    /// The name; a list's without its `[]` (see `list`).
    name: &'a str,
    /// The name gets `[]`, as Rails and Grape read a list.
    list: bool,
    /// `None` for a name alone.
    value: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_follow_their_slots_and_a_value_set_again_replaces_the_first() {
        let mut fields = Fields::default();
        fields.set(3, "sort", "desc".into());
        fields.append("extra".into(), "1".into());
        fields.set(1, "page", "2".into());
        fields.set_list(2, "status", vec!["default".into(), "error".into()]);
        fields.set(1, "page", "3".into());
        fields.append("more".into(), "a b+c".into());
        assert_eq!(
            fields.encoded(),
            "page=3&status%5B%5D=default&status%5B%5D=error&sort=desc&extra=1&more=a+b%2Bc"
        );
    }

    #[test]
    fn a_name_alone_is_sent_without_a_value() {
        let mut fields = Fields::default();
        fields.set(0, "a", "1".into());
        fields.set_flag(1, "raw flag");
        fields.set(2, "b", String::new());
        assert_eq!(fields.encoded(), "a=1&raw+flag&b=");
        assert!(fields.contains("raw flag") && !fields.contains("c"));
    }

    #[test]
    fn a_list_name_gets_one_pair_of_brackets_and_an_empty_list_sends_nothing() {
        let mut fields = Fields::default();
        fields.set_list(0, "components[]", vec!["main".into()]);
        fields.set_list(1, "none", Vec::new());
        assert_eq!(fields.encoded(), "components%5B%5D=main");
        assert!(!fields.is_empty());
        assert!(Fields::default().is_empty());
    }
}
