//! Following imports: a `consumes` entry with `import: <namespace>` and `location: <file>`
//! stands for the block of that namespace declared in another file. Each file imported,
//! directly or through another imported file, is read once, relative to the file that
//! imports it; a file that imports itself through others (a cycle), a file that cannot be
//! read and a location that is not a local file are errors at the entry's `location`.

use std::path::{Component, Path, PathBuf};

use super::{Document, Loaded, load_one};
use crate::diagnostic::Diagnostics;

/// The largest file an import reads.
const MAX_IMPORTED_SIZE: u64 = 64 << 20;

/// Reads every file `main` imports into `main.imported`.
pub(super) fn follow(main: &mut Loaded) -> Result<(), Diagnostics> {
    let mut state = State {
        stack: vec![key(&main.file)],
        loaded: Vec::new(),
        errors: Diagnostics::default(),
    };
    state.visit(main);
    main.imported = state.loaded;
    state.errors.into_result(())
}

/// The import entries of a document: their node pointer and location, in file order (the
/// top-level `consumes` first).
pub(crate) fn import_entries(document: &Document) -> Vec<(String, &str)> {
    document
        .consumes_entries()
        .filter(|(_, c)| c.import.is_some())
        .filter_map(|(pointer, c)| Some((pointer, c.location.as_deref()?)))
        .collect()
}

struct State {
    /// The files being followed, from the main one to the current one (for cycles).
    stack: Vec<PathBuf>,
    /// The files read, in the order their reading finished.
    loaded: Vec<Loaded>,
    errors: Diagnostics,
}

impl State {
    fn visit(&mut self, file: &Loaded) {
        for (pointer, location) in import_entries(&file.document) {
            let at = format!("{pointer}/location");
            let path = match resolve_location(&file.file, location) {
                Ok(path) => path,
                Err(message) => {
                    self.errors.push(file.error(&at, message));
                    continue;
                }
            };
            let file_key = key(&path);
            if let Some(start) = self.stack.iter().position(|k| *k == file_key) {
                let mut chain: Vec<String> = self.stack[start..]
                    .iter()
                    .map(|p| display_name(p))
                    .collect();
                chain.push(display_name(&file_key));
                self.errors.push(
                    file.error(&at, format!("import cycle: {}", chain.join(" → ")))
                        .hint("declare the shared block in a file that imports nothing back"),
                );
                continue;
            }
            if self.loaded.iter().any(|l| key(&l.file) == file_key) {
                continue;
            }
            let size = std::fs::metadata(&path).map(|m| m.len());
            if size.is_ok_and(|size| size > MAX_IMPORTED_SIZE) {
                self.errors.push(file.error(
                    &at,
                    format!(
                        "imported file `{location}` is larger than a capability can be (64 MiB)"
                    ),
                ));
                continue;
            }
            if !path.is_file() {
                self.errors.push(
                    file.error(
                        &at,
                        format!(
                            "imported file `{location}` not found (looked for {})",
                            path.display()
                        ),
                    )
                    .hint(
                        "a relative `location` is read from the folder of the file that imports it",
                    ),
                );
                continue;
            }
            match load_one(&path) {
                Ok(imported) => {
                    self.stack.push(file_key);
                    self.visit(&imported);
                    self.stack.pop();
                    self.loaded.push(imported);
                }
                Err(e) => self.errors.0.extend(e.0),
            }
        }
    }
}

/// The file a `location` names, read from the folder of `importer`: a relative path, an
/// absolute one, or a `file:` URI (`file:///shared/x.yaml`; `file:///./x.yaml` and
/// `file://./x.yaml` are taken as relative, as their authors mean). Any other scheme is an
/// error: the generator reads local files only.
pub fn resolve_location(importer: &Path, location: &str) -> Result<PathBuf, String> {
    let location = location.trim();
    if location.is_empty() {
        return Err("`location` is empty".into());
    }
    let path = match location.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("file") => {
            let rest = rest.strip_prefix("localhost").unwrap_or(rest);
            let relative = rest.starts_with("/./") || rest.starts_with("/../");
            let rest = if relative { &rest[1..] } else { rest };
            percent_encoding::percent_decode_str(rest)
                .decode_utf8_lossy()
                .into_owned()
        }
        Some((scheme, _))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            return Err(format!(
                "cannot import `{location}`: only local files are read (`{scheme}:` locations are not fetched)"
            ));
        }
        _ => location.to_owned(),
    };
    let path = Path::new(&path);
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        importer
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(path)
    };
    Ok(normalize(&joined))
}

/// `path` without `.` components and with `..` applied where it can be.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What identifies a file: its canonical path, else its normalized absolute one.
fn key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        let absolute = std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_owned());
        normalize(&absolute)
    })
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Whether `a` and `b` name the same file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_from_the_importers_folder() {
        let importer = Path::new("/caps/app/main.yaml");
        let resolve = |l: &str| resolve_location(importer, l).map(|p| p.display().to_string());
        assert_eq!(
            resolve("./shared/x.yaml").unwrap(),
            "/caps/app/shared/x.yaml"
        );
        assert_eq!(resolve("../common/x.yml").unwrap(), "/caps/common/x.yml");
        assert_eq!(resolve("x.yaml").unwrap(), "/caps/app/x.yaml");
        assert_eq!(resolve("/abs/x.yaml").unwrap(), "/abs/x.yaml");
        assert_eq!(resolve("file:///abs/x.yaml").unwrap(), "/abs/x.yaml");
        assert_eq!(
            resolve("file:///./shared/x.yaml").unwrap(),
            "/caps/app/shared/x.yaml"
        );
        assert_eq!(
            resolve("file://localhost/abs/a%20b.yaml").unwrap(),
            "/abs/a b.yaml"
        );
        assert!(
            resolve("https://example.com/x.yaml")
                .unwrap_err()
                .contains("only local files")
        );
        assert!(resolve(" ").is_err());
    }

    #[test]
    fn cycles_and_missing_files_are_errors_at_the_location() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        let entry =
            |ns: &str, file: &str| format!("consumes:\n- import: {ns}\n  location: ./{file}\n");
        write("a.yaml", &entry("b", "b.yaml"));
        write(
            "b.yaml",
            &(entry("a", "a.yaml") + "- namespace: b\n  resources: []\n"),
        );
        let errors = super::super::load(&dir.path().join("a.yaml")).unwrap_err();
        let e = &errors.0[0];
        assert_eq!(e.message, "import cycle: a.yaml → b.yaml → a.yaml", "{e}");
        assert!(e.file.as_ref().unwrap().ends_with("b.yaml"));
        assert_eq!(e.location.map(|l| l.line), Some(3));

        write("c.yaml", &entry("x", "missing.yaml"));
        let errors = super::super::load(&dir.path().join("c.yaml")).unwrap_err();
        assert!(
            errors.0[0]
                .message
                .starts_with("imported file `./missing.yaml` not found"),
            "{errors}"
        );

        // A file imported twice is read once.
        write(
            "d.yaml",
            &(entry("e", "e.yaml") + &entry("e", "e.yaml")[9..]),
        );
        write("e.yaml", "consumes:\n- namespace: e\n");
        let loaded = super::super::load(&dir.path().join("d.yaml")).unwrap();
        assert_eq!(loaded.imported.len(), 1);
    }
}
