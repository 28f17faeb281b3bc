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

/// The string starting at the quote at `start`, unescaped as far as keys need, and the
/// index after its closing quote.
fn string_at(json: &[u8], start: usize) -> (String, usize) {
    let mut i = start + 1;
    let mut text = Vec::new();
    while i < json.len() {
        match json[i] {
            b'"' => return (String::from_utf8_lossy(&text).into_owned(), i + 1),
            b'\\' if i + 1 < json.len() => {
                text.push(json[i + 1]);
                i += 2;
            }
            b => {
                text.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&text).into_owned(), i)
}

fn is_identifier(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The byte offset of serde_json's (1-based) `line` and (0-based, in bytes) `column`.
pub(crate) fn offset_of(json: &[u8], line: usize, column: usize) -> usize {
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
        path_at(
            json.as_bytes(),
            offset_of(json.as_bytes(), err.line(), err.column()),
        )
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
}
