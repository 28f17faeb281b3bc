//! Writing the output: atomically, only files whose content changed, and removing
//! generated files that are no longer produced.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// What writing did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or their content changed.
    pub written: Vec<PathBuf>,
    /// Files left alone because their content was already right.
    pub unchanged: usize,
    /// Generated files removed because they are no longer produced.
    pub removed: Vec<PathBuf>,
}

/// How the files on disk differ from what would be generated.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs.
    pub changed: Vec<PathBuf>,
    /// Files that would be created.
    pub missing: Vec<PathBuf>,
    /// Generated files that would be removed.
    pub stale: Vec<PathBuf>,
}

impl Drift {
    /// Whether the files on disk are up to date.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.stale.is_empty()
    }
}

/// Writes `files` under `out`.
pub fn write(out: &Path, files: &[GeneratedFile]) -> std::io::Result<WriteReport> {
    let mut report = WriteReport::default();
    for file in files {
        let path = out.join(&file.path);
        if std::fs::read(&path).is_ok_and(|old| old == file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        write_atomically(&path, file.contents.as_bytes())?;
        report.written.push(file.path.clone());
    }
    for stale in stale_files(out, files)? {
        std::fs::remove_file(out.join(&stale))?;
        report.removed.push(stale);
    }
    Ok(report)
}

/// Compares `files` with what is under `out`, writing nothing.
pub fn check(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Drift> {
    let mut drift = Drift::default();
    for file in files {
        match std::fs::read(out.join(&file.path)) {
            Ok(old) if old == file.contents.as_bytes() => {}
            Ok(_) => drift.changed.push(file.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.missing.push(file.path.clone())
            }
            Err(e) => return Err(e),
        }
    }
    drift.stale = stale_files(out, files)?;
    Ok(drift)
}

/// Writes through a temporary file in the same directory and a rename, so a reader (or a
/// failed run) never sees half a file. No `fsync`: these are source files that the next
/// run rewrites; it cost a third of a whole generation (one per file) and buys only
/// durability across a power loss, not atomicity.
fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(contents)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `.rs` files under `out/src` marked `@generated` on their first line that `files` does
/// not contain.
fn stale_files(out: &Path, files: &[GeneratedFile]) -> std::io::Result<Vec<PathBuf>> {
    let produced: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let mut stale = Vec::new();
    let mut dirs = vec![out.join("src")];
    while let Some(dir) = dirs.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(rel) = path.strip_prefix(out) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "rs")
                && !produced.contains(rel)
                && is_generated(&path)
            {
                stale.push(rel.to_owned());
            }
        }
    }
    stale.sort();
    Ok(stale)
}

fn is_generated(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|s| s.lines().next().is_some_and(|l| l.contains("@generated")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            GeneratedFile::new("src/a.rs", "// @generated\nfn a() {}\n"),
            GeneratedFile::new("Cargo.toml", "[package]\n"),
        ];
        let first = write(dir.path(), &files).unwrap();
        assert_eq!(first.written.len(), 2);
        let second = write(dir.path(), &files).unwrap();
        assert!(second.written.is_empty());
        assert_eq!(second.unchanged, 2);
        assert!(check(dir.path(), &files).unwrap().is_empty());

        // A hand-written file is never removed; a generated one no longer produced is.
        std::fs::write(dir.path().join("src/hand.rs"), "fn h() {}\n").unwrap();
        let fewer = vec![files[1].clone()];
        let drift = check(dir.path(), &fewer).unwrap();
        assert_eq!(drift.stale, vec![PathBuf::from("src/a.rs")]);
        let third = write(dir.path(), &fewer).unwrap();
        assert_eq!(third.removed, vec![PathBuf::from("src/a.rs")]);
        assert!(dir.path().join("src/hand.rs").exists());
    }

    #[test]
    fn check_reports_changed_and_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            GeneratedFile::new("x.md", "new\n"),
            GeneratedFile::new("y.md", "y\n"),
        ];
        std::fs::write(dir.path().join("x.md"), "old\n").unwrap();
        let drift = check(dir.path(), &files).unwrap();
        assert_eq!(drift.changed, vec![PathBuf::from("x.md")]);
        assert_eq!(drift.missing, vec![PathBuf::from("y.md")]);
    }
}
