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

    /// The pairs as sent: a list's name gets `[]` (once, if it has it already), as Rails
    /// and Grape read a list; a name alone has an empty value.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (Cow<'_, str>, &str)> {
        self.0.iter().flat_map(|f| {
            let pairs: Vec<(Cow<'_, str>, &str)> = match &f.value {
                Value::One(v) => vec![(Cow::Borrowed(f.name.as_ref()), v.as_str())],
                Value::Flag => vec![(Cow::Borrowed(f.name.as_ref()), "")],
                Value::List(values) => {
                    let key = format!("{}[]", f.name.trim_end_matches("[]"));
                    values
                        .iter()
                        .map(|v| (Cow::Owned(key.clone()), v.as_str()))
                        .collect()
                }
            };
            pairs
        })
    }

    /// The pairs form-urlencoded (`+` as `%2B`, space as `+`): a query string or an
    /// `application/x-www-form-urlencoded` body. A name alone is sent without `=`.
    pub(crate) fn encoded(&self) -> String {
        let mut out = String::new();
        for f in &self.0 {
            if let Value::Flag = f.value {
                if !out.is_empty() {
                    out.push('&');
                }
                out.extend(url::form_urlencoded::byte_serialize(f.name.as_bytes()));
                continue;
            }
            for (name, value) in Fields(vec![f.clone()]).pairs() {
                if !out.is_empty() {
                    out.push('&');
                }
                out.extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
                out.push('=');
                out.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
            }
        }
        out
    }
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
