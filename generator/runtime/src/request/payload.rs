//! The request's body: raw bytes, JSON, a form or multipart parts, and how the operation's
//! form fields join it when the request is sent.

use std::fmt::Display;

use crate::body::{Body, Multipart};
use crate::fields::Fields;

use super::RequestBuilder;

/// How form fields travel, for an operation that has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormKind {
    /// No form: fields set anyway make an `application/x-www-form-urlencoded` body.
    None,
    /// An `application/x-www-form-urlencoded` body, sent even without fields.
    UrlEncoded,
    /// Parts of the `multipart/form-data` body (with the files), sent when there are any.
    Multipart,
}

pub(crate) enum Payload {
    None,
    Bytes {
        body: Body,
        content_type: &'static str,
    },
    Multipart(Multipart),
}

impl Payload {
    pub(crate) fn is_replayable(&self) -> bool {
        match self {
            Payload::None => true,
            Payload::Bytes { body, .. } => body.is_replayable(),
            Payload::Multipart(form) => form.is_replayable(),
        }
    }
}

impl RequestBuilder {
    /// Sets the form field in `slot` (its place in the operation's order), replacing an
    /// earlier value. Form fields make an `application/x-www-form-urlencoded` body, or
    /// join a [`multipart`](Self::multipart) body (see [`multipart_form`](Self::multipart_form)).
    pub fn set_form(
        &mut self,
        slot: u32,
        name: &'static str,
        value: &(impl Display + ?Sized),
    ) -> &mut Self {
        self.form.set(slot, name, value.to_string());
        self
    }

    /// Sets the list form field in `slot`: `name[]=a&name[]=b`.
    pub fn set_form_list<V: Display>(
        &mut self,
        slot: u32,
        name: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let values = values.into_iter().map(|v| v.to_string()).collect();
        self.form.set_list(slot, name, values);
        self
    }

    /// Sets the form field in `slot` to `values` joined by `separator` (`tags=a,b`).
    pub fn set_form_joined<V: Display>(
        &mut self,
        slot: u32,
        name: &'static str,
        separator: &str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let joined = super::join(values, separator);
        self.form.set(slot, name, joined);
        self
    }

    /// The operation's form is an `application/x-www-form-urlencoded` body, sent even
    /// when no field is set.
    pub fn urlencoded_form(&mut self) -> &mut Self {
        self.form_kind = FormKind::UrlEncoded;
        self
    }

    /// The operation's form fields are parts of its `multipart/form-data` body (before
    /// the parts of [`multipart`](Self::multipart), so metadata comes before the file as
    /// package managers send it); without fields or parts no body is sent.
    pub fn multipart_form(&mut self) -> &mut Self {
        self.form_kind = FormKind::Multipart;
        self
    }

    /// Sends `body` as is, with content type `application/octet-stream` unless a
    /// `Content-Type` header is set.
    pub fn body(&mut self, body: Body) -> &mut Self {
        self.payload = Payload::Bytes {
            body,
            content_type: "application/octet-stream",
        };
        self
    }

    /// Sends `value` as JSON (`application/json`).
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => {
                self.payload = Payload::Bytes {
                    body: Body::from(bytes),
                    content_type: "application/json",
                }
            }
            Err(e) => self.fail("body", e.to_string()),
        }
        self
    }

    /// Sends the fields of `value` (a struct or map) as `application/x-www-form-urlencoded`:
    /// `null`s are left out, lists are sent as `name[]=…`.
    pub fn form_of<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        let object = match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(object)) => object,
            Ok(_) => {
                self.fail("body", "a form body must be an object");
                return self;
            }
            Err(e) => {
                self.fail("body", e.to_string());
                return self;
            }
        };
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        };
        let mut fields: Vec<(String, String)> = Vec::new();
        for (name, value) in &object {
            match value {
                serde_json::Value::Array(items) => {
                    fields.extend(
                        items
                            .iter()
                            .filter_map(text)
                            .map(|v| (format!("{name}[]"), v)),
                    );
                }
                v => fields.extend(text(v).map(|v| (name.clone(), v))),
            }
        }
        self.form(&fields)
    }

    /// Sends `fields` (name, value pairs) as `application/x-www-form-urlencoded`.
    pub fn form<K: AsRef<str>, V: AsRef<str>>(&mut self, fields: &[(K, V)]) -> &mut Self {
        let text = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
            .finish();
        self.payload = Payload::Bytes {
            body: Body::from(text),
            content_type: "application/x-www-form-urlencoded",
        };
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) -> &mut Self {
        self.payload = Payload::Multipart(form);
        self
    }

    /// The body, with the form fields where the operation sends them.
    pub(super) fn payload(&mut self) -> Payload {
        let payload = std::mem::replace(&mut self.payload, Payload::None);
        let urlencoded = |form: &Fields| Payload::Bytes {
            body: Body::from(form.encoded()),
            content_type: "application/x-www-form-urlencoded",
        };
        match self.form_kind {
            FormKind::UrlEncoded => urlencoded(&self.form),
            FormKind::None if !self.form.is_empty() => urlencoded(&self.form),
            FormKind::None => payload,
            FormKind::Multipart => {
                let multipart = match payload {
                    Payload::Multipart(multipart) => multipart,
                    _ => Multipart::new(),
                };
                let multipart = multipart.with_leading_text(self.form.pairs());
                if multipart.is_empty() {
                    Payload::None
                } else {
                    Payload::Multipart(multipart)
                }
            }
        }
    }
}
