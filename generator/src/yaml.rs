//! Reading the generator's YAML inputs (the capability, the overlay, the companion
//! document): one way to read a file, parse it with serde and say what is wrong, with the
//! file, line and column.

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
    /// Positions of its nodes (indexed on the first lookup).
    pub source_map: SourceMap,
}

/// Reads and parses `file`, the `what` of the run (`capability`, `overlay`, `companion
/// document`), for the messages.
pub fn load<T: DeserializeOwned>(file: &Path, what: &str) -> Result<Parsed<T>, Diagnostics> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Diagnostic::new(format!("cannot read the {what}: {e}")).in_file(file))?;
    parse(file, what, &text)
}

/// Parses `text`, the `what` of the run; `file` is used in diagnostics only.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    what: &str,
    text: &str,
) -> Result<Parsed<T>, Diagnostics> {
    let value = serde_yaml::from_str(text).map_err(|e| {
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
        source_map: SourceMap::new(text),
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
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Doc {
        #[allow(dead_code)]
        a: u32,
    }

    #[test]
    fn errors_name_the_input_file_line_and_column_once() {
        let e = parse::<Doc>(Path::new("o.yaml"), "overlay", "a: [\n").unwrap_err();
        let d = &e.0[0];
        assert!(d.message.starts_with("cannot parse the overlay: "), "{d}");
        assert!(!d.message.contains(" at line "), "{d}");
        assert!(d.location.is_some());
        let e = load::<Doc>(Path::new("/nonexistent/x.yaml"), "companion document").unwrap_err();
        assert!(
            e.0[0]
                .message
                .starts_with("cannot read the companion document: ")
        );
    }

    #[test]
    fn pointers_escape_slashes() {
        assert_eq!(escape("/api/v4~x"), "~1api~1v4~0x");
    }
}
