//! Request bodies: raw bytes and multipart forms.

use std::fmt;

use bytes::Bytes;

/// A raw request body (a package file, for instance).
///
/// Cheap to clone: the bytes are shared, so a request can be rebuilt (after a redirect)
/// without copying them.
///
/// ```
/// use gitlab_packages::Body;
///
/// let body = Body::from(vec![1u8, 2, 3]);
/// assert_eq!(body.len(), 3);
/// assert_eq!(format!("{body:?}"), "Body { len: 3 }");
/// ```
#[derive(Clone)]
pub struct Body {
    inner: Inner,
}

// An enum so that streamed or file-backed bodies can be added later.
#[derive(Clone)]
enum Inner {
    Bytes(Bytes),
}

impl Body {
    /// An empty body.
    pub fn empty() -> Self {
        Body::from(Bytes::new())
    }

    /// Length of the body in bytes.
    pub fn len(&self) -> u64 {
        match &self.inner {
            Inner::Bytes(b) => b.len() as u64,
        }
    }

    /// Whether the body has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The body for reqwest (shares the bytes).
    pub(crate) fn to_reqwest(&self) -> reqwest::Body {
        match &self.inner {
            Inner::Bytes(b) => reqwest::Body::from(b.clone()),
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body").field("len", &self.len()).finish()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body {
            inner: Inner::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from(Bytes::from_static(bytes))
    }
}

/// A `multipart/form-data` body (NuGet, PyPI and Helm uploads).
///
/// ```
/// use gitlab_packages::Multipart;
///
/// let form = Multipart::new()
///     .text("name", "my-package")
///     .text("version", "1.0.0")
///     .file("content", "my_package-1.0.0.tar.gz", vec![0u8; 16]);
/// assert_eq!(form.len(), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    fields: Vec<Field>,
}

#[derive(Clone, Debug)]
enum Field {
    Text {
        name: String,
        value: String,
    },
    File {
        name: String,
        file_name: String,
        content_type: String,
        body: Body,
    },
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(Field::Text {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// Adds a file field with content type `application/octet-stream`.
    pub fn file(
        self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        body: impl Into<Body>,
    ) -> Self {
        self.file_with_type(name, file_name, "application/octet-stream", body)
    }

    /// Adds a file field with the given content type (e.g. `application/gzip`).
    pub fn file_with_type(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        body: impl Into<Body>,
    ) -> Self {
        self.fields.push(Field::File {
            name: name.into(),
            file_name: file_name.into(),
            content_type: content_type.into(),
            body: body.into(),
        });
        self
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the form has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Builds the reqwest form; can be called again to resend the same form.
    /// Fails only on an unparsable content type, reported as the field's name.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for field in &self.fields {
            form = match field {
                Field::Text { name, value } => form.text(name.clone(), value.clone()),
                Field::File {
                    name,
                    file_name,
                    content_type,
                    body,
                } => {
                    let part =
                        reqwest::multipart::Part::stream_with_length(body.to_reqwest(), body.len())
                            .file_name(file_name.clone())
                            .mime_str(content_type)
                            .map_err(|_| name.clone())?;
                    form.part(name.clone(), part)
                }
            };
        }
        Ok(form)
    }
}
