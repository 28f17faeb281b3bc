//! The summary of one corpus folder.

use std::fmt::Write as _;
use std::path::Path;

use super::{CheckReport, Entry, Outcome};

/// The summary of one folder, and whether it passed: no panic, every generated crate
/// compiled.
pub(super) fn summary(dir: &Path, entries: &[Entry], check: &CheckReport) -> (String, bool) {
    let mut s = String::new();
    let operations: usize = entries.iter().map(|e| e.operations).sum();
    let generated: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.outcome, Outcome::Generated { .. }))
        .collect();
    let refused: Vec<(&Entry, &String)> = entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::Refused(r) => Some((e, r)),
            _ => None,
        })
        .collect();
    let panicked: Vec<(&Entry, &String)> = entries
        .iter()
        .filter_map(|e| match &e.outcome {
            Outcome::Panicked(r) => Some((e, r)),
            _ => None,
        })
        .collect();
    let failed: Vec<(&Entry, &(String, usize))> = generated
        .iter()
        .filter_map(|e| check.errors.get(&e.crate_name).map(|err| (*e, err)))
        .collect();
    let compiled = generated.len() - failed.len();
    let compiled_ops: usize = generated
        .iter()
        .filter(|e| !check.errors.contains_key(&e.crate_name))
        .map(|e| match e.outcome {
            Outcome::Generated { skipped, .. } => e.operations.saturating_sub(skipped),
            _ => 0,
        })
        .sum();
    let gen_warnings: usize = generated
        .iter()
        .map(|e| match e.outcome {
            Outcome::Generated { warnings, .. } => warnings,
            _ => 0,
        })
        .sum();
    let skipped: Vec<usize> = generated
        .iter()
        .filter_map(|e| match e.outcome {
            Outcome::Generated { skipped, .. } if skipped > 0 => Some(skipped),
            _ => None,
        })
        .collect();
    let file_name = |e: &Entry| {
        e.file
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
    };

    let _ = writeln!(s, "\ncorpus {}", dir.display());
    let _ = writeln!(s, "  files:             {}", entries.len());
    let _ = writeln!(s, "  operations:        {operations}");
    let _ = writeln!(
        s,
        "  generated:         {} ({gen_warnings} generator warnings)",
        generated.len()
    );
    let _ = writeln!(
        s,
        "  compiled:          {compiled} ({compiled_ops} operations)"
    );
    let _ = writeln!(
        s,
        "  skipped:           {} operations (in {} files; each a generator warning)",
        skipped.iter().sum::<usize>(),
        skipped.len()
    );
    let _ = writeln!(s, "  refused:           {}", refused.len());
    let _ = writeln!(s, "  panicked:          {}", panicked.len());
    let _ = writeln!(s, "  failed to compile: {}", failed.len());
    let warned: Vec<(&String, &(String, usize))> = generated
        .iter()
        .filter_map(|e| check.warnings.get_key_value(&e.crate_name))
        .collect();
    let compiler_warnings: usize = warned.iter().map(|(_, (_, n))| n).sum();
    let _ = writeln!(
        s,
        "  compiler warnings: {compiler_warnings} in {} crates",
        warned.len()
    );
    if !refused.is_empty() {
        let _ = writeln!(s, "\nrefused (the generator's reason):");
        for (e, reason) in &refused {
            let _ = writeln!(s, "  {}: {reason}", file_name(e));
        }
    }
    if !panicked.is_empty() {
        let _ = writeln!(s, "\npanicked:");
        for (e, message) in &panicked {
            let _ = writeln!(s, "  {}: {message}", file_name(e));
        }
    }
    if !failed.is_empty() {
        let _ = writeln!(s, "\nfailed to compile (first error of each crate):");
        for (e, (first, n)) in &failed {
            let _ = writeln!(
                s,
                "  {} ({}, {n} errors): {first}",
                e.crate_name,
                file_name(e)
            );
        }
    }
    if !warned.is_empty() {
        let _ = writeln!(s, "\ncompiler warnings (first of each crate):");
        for (krate, (first, n)) in warned {
            let _ = writeln!(s, "  {krate} ({n} warnings): {first}");
        }
    }
    (s, panicked.is_empty() && failed.is_empty())
}
