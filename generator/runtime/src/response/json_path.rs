//! Where in a JSON document a decoding error is: the path (`[3].created_at`) to the byte
//! serde_json stopped at, found by a small scan of the text rather than by tracking the path
//! while decoding (which costs an allocation per field and a second copy of every type's
//! decoding code).

/// One open container on the way to a position.
enum Frame {
    /// In an array, at this item.
    Array(usize),
    /// In an object: the current key (once read), and whether a key comes next.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
}

/// The path to byte `offset` of `json`: `.` for the top level, `[3]` for the fourth item
/// of a top-level array, `[3].created_at` for a field of it, `.files["a.b"]` for a key that
/// is not an identifier.
pub(crate) fn path_at(json: &[u8], offset: usize) -> String {
    let end = offset.min(json.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match json[i] {
            b'"' => {
                let (text, next) = string_at(json, i);
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        *key = Some(text);
                        *expect_key = false;
                    }
                }
                i = next;
                continue;
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Array(n) => path.push_str(&format!("[{n}]")),
            Frame::Object { key: Some(key), .. } if is_identifier(key) => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Object { key: Some(key), .. } => path.push_str(&format!("[{key:?}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The string starting at the quote at `start`, unescaped, and the index after its closing
/// quote (or the end of `json`).
fn string_at(json: &[u8], start: usize) -> (String, usize) {
    let mut i = start + 1;
    let mut escaped = false;
    while i < json.len() {
        match json[i] {
            b'"' => break,
            b'\\' => {
                escaped = true;
                i += 2;
            }
            _ => i += 1,
        }
    }
    let end = i.min(json.len());
    let raw = &json[start + 1..end];
    let text = escaped
        .then(|| serde_json::from_slice::<String>(&json[start..(end + 1).min(json.len())]).ok())
        .flatten()
        .unwrap_or_else(|| String::from_utf8_lossy(raw).into_owned());
    (text, end + 1)
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The path to where serde_json's `error` stopped decoding `json`.
pub(crate) fn path_of(json: &[u8], error: &serde_json::Error) -> String {
    let offset = offset_of(json, error.line(), error.column());
    // The position is that of the last byte serde_json read, but a syntax error is reported
    // at the byte it looked at and refused (`}` in `{"id":}`), which is not on the way.
    let offset = match error.classify() {
        serde_json::error::Category::Syntax => offset.saturating_sub(1),
        _ => offset,
    };
    path_at(json, offset)
}

/// The byte offset just past serde_json's position: its (1-based) `line` and (1-based, in
/// bytes) `column`.
fn offset_of(json: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match json[start..].iter().position(|&b| b == b'\n') {
            Some(at) => start += at + 1,
            None => break,
        }
    }
    (start + column).min(json.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let err = serde_json::from_str::<T>(json).unwrap_err();
        path_of(json.as_bytes(), &err)
    }

    #[test]
    fn paths_name_items_fields_and_odd_keys() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            id: u64,
            files: std::collections::BTreeMap<String, u64>,
        }
        assert_eq!(
            path_of_error::<Vec<Item>>(r#"[{"id":1,"files":{}},{"id":"x","files":{}}]"#),
            "[1].id"
        );
        assert_eq!(
            path_of_error::<Vec<Item>>("[{\"id\":1,\"files\":{}},\n {\"id\":2}]"),
            "[1]"
        );
        assert_eq!(
            path_of_error::<Vec<Item>>(r#"[{"id":1,"files":{"a.b":"x"}}]"#),
            r#"[0].files["a.b"]"#
        );
        assert_eq!(
            path_of_error::<Vec<Item>>(r#"[{"id":1,"files":{"say \"hi\"":1}}, 7]"#),
            "[1]"
        );
        assert_eq!(path_of_error::<u64>("\"x\""), ".");
    }

    #[test]
    fn keys_are_unescaped() {
        type Maps = std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>;
        assert_eq!(
            path_of_error::<Maps>(r#"{"a":{"caf\u00e9":"x"}}"#),
            r#".a["café"]"#
        );
        assert_eq!(
            path_of_error::<Maps>(r#"{"a":{"a\tb":"x"}}"#),
            r#".a["a\tb"]"#
        );
        assert_eq!(
            path_of_error::<Maps>(r#"{"a":{"q\"x":"x"}}"#),
            r#".a["q\"x"]"#
        );
        // A broken escape is shown as it came.
        assert_eq!(path_at(br#"{"a\x":1}"#, 8), r#"["a\\x"]"#);
    }

    #[test]
    fn a_syntax_error_is_located_before_the_byte_refused() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct S {
            id: u64,
        }
        assert_eq!(path_of_error::<S>(r#"{"id":}"#), ".id");
        assert_eq!(path_of_error::<S>(r#"{"id":,"x":1}"#), ".id");
        assert_eq!(path_of_error::<Vec<S>>(r#"[{"id":1},]"#), "[1]");
        // Type errors are located at the value.
        assert_eq!(path_of_error::<S>(r#"{"id":[1]}"#), ".id");
        assert_eq!(path_of_error::<S>(r#"{"id":null}"#), ".id");
        assert_eq!(path_of_error::<S>(r#"{"id":1"#), ".id");
    }
}
