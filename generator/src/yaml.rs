//! Reading the generator's YAML inputs (the capability, the overlay, the companion
//! document): one way to read a file, parse it with serde and say what is wrong, with the
//! file, line and column.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::source_map::SourceMap;

/// A parsed YAML input: its file, its typed content, and the positions of its nodes.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The file's path, as given.
    pub file: PathBuf,
    /// The typed content.
    pub value: T,
    /// Positions of its nodes (indexed as [`Positions`] says).
    pub source_map: SourceMap,
}

/// When the positions of a file's nodes are indexed (a second parse of its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Positions {
    /// On the first lookup: for files whose positions only an error message needs.
    OnLookup,
    /// While serde parses the file, on another thread: for files whose positions every run
    /// needs (each operation of a capability records where it was declared).
    Alongside,
}

/// Reads and parses `file`, the `what` of the run (`capability`, `overlay`, `companion
/// document`), for the messages.
pub fn load<T: DeserializeOwned>(
    file: &Path,
    what: &str,
    positions: Positions,
) -> Result<Parsed<T>, Diagnostics> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Diagnostic::new(format!("cannot read the {what}: {e}")).in_file(file))?;
    parse(file, what, &text, positions)
}

/// Parses `text`, the `what` of the run; `file` is used in diagnostics only.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    what: &str,
    text: &str,
    positions: Positions,
) -> Result<Parsed<T>, Diagnostics> {
    let source_map = SourceMap::new(text);
    let value = match positions {
        Positions::OnLookup => serde_yaml::from_str(text),
        Positions::Alongside => std::thread::scope(|scope| {
            // The scope waits for the index; if the system will not start a thread, the
            // first lookup builds it.
            let _indexing = crate::thread().spawn_scoped(scope, || source_map.index());
            serde_yaml::from_str(text)
        }),
    };
    let value = value.map_err(|e| {
        let location = e.location().map(|l| Location {
            line: l.line(),
            column: l.column(),
        });
        let message = e.to_string();
        // serde_yaml appends " at line X column Y"; the location is shown separately.
        let message = match message.find(" at line ") {
            Some(cut) => &message[..cut],
            None => &message,
        };
        Diagnostics::from(
            Diagnostic::new(format!("cannot parse the {what}: {message}"))
                .in_file(file)
                .at(location),
        )
    })?;
    Ok(Parsed {
        file: file.to_owned(),
        value,
        source_map,
    })
}

impl<T> Parsed<T> {
    /// A diagnostic in this file, located at the node `pointer` (e.g. `/operations/3`).
    pub fn error(&self, pointer: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(message)
            .in_file(&self.file)
            .at(self.source_map.locate(pointer))
    }
}

/// `key` as one step of a node pointer: `~` and `/` escaped (`/api/v4` → `~1api~1v4`).
pub fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        a: u32,
    }

    #[test]
    fn errors_name_the_input_file_line_and_column_once() {
        for positions in [Positions::OnLookup, Positions::Alongside] {
            let e = parse::<Doc>(Path::new("o.yaml"), "overlay", "a: [\n", positions).unwrap_err();
            let d = &e.0[0];
            assert!(d.message.starts_with("cannot parse the overlay: "), "{d}");
            assert!(!d.message.contains(" at line "), "{d}");
            assert_eq!(
                d.location,
                Some(Location { line: 1, column: 4 }),
                "the open `[`"
            );
        }
        let e = load::<Doc>(
            Path::new("/nonexistent/x.yaml"),
            "companion document",
            Positions::OnLookup,
        )
        .unwrap_err();
        assert!(
            e.0[0]
                .message
                .starts_with("cannot read the companion document: ")
        );
    }

    #[test]
    fn positions_indexed_alongside_are_those_indexed_on_lookup() {
        let text = "b: x\na: 7\nlist:\n  - a: 1\n";
        let parse_with = |positions| {
            let parsed = parse::<Doc>(Path::new("c.yaml"), "capability", text, positions).unwrap();
            assert_eq!(parsed.value.a, 7);
            ["/a", "/list/0/a", "/b"].map(|p| parsed.source_map.locate(p))
        };
        let alongside = parse_with(Positions::Alongside);
        assert_eq!(alongside[0], Some(Location { line: 2, column: 1 }));
        assert_eq!(alongside[1], Some(Location { line: 4, column: 5 }));
        assert_eq!(alongside, parse_with(Positions::OnLookup));
    }

    #[test]
    fn pointers_escape_slashes() {
        assert_eq!(escape("/api/v4~x"), "~1api~1v4~0x");
    }
}
