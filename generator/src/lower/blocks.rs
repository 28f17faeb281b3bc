//! The `consumes` blocks a capability generates: those of its top-level `consumes` (which
//! the schema allows, for files shared by others), then those of `capability.consumes`,
//! an entry that imports a block standing for the block it names, in the file it names
//! (read by [`crate::spec`]) or, without `location`, at this file's top level. A block is
//! generated once however many entries name it.

use crate::diagnostic::Diagnostic;
use crate::spec::{Consumes, Loaded, resolve_location};

use super::Findings;

/// A `consumes` block and where it is written.
pub(super) struct Block<'a> {
    /// The file it is written in.
    pub(super) loaded: &'a Loaded,
    /// Its node, e.g. `/capability/consumes/0`.
    pub(super) pointer: String,
    /// The block.
    pub(super) consumes: &'a Consumes,
    /// The namespace tools call it by: the importing entry's `as` or `import`, else its
    /// own.
    pub(super) namespace: String,
}

impl Block<'_> {
    /// A diagnostic at `field` of the block (`/baseUri`, or `` for the block).
    pub(super) fn error(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        self.loaded
            .error(&format!("{}{field}", self.pointer), message)
    }
}

/// The blocks of `main`, in file order, each once; entries that import nothing found are
/// errors in `found`.
pub(super) fn collect<'a>(main: &'a Loaded, found: &mut Findings) -> Vec<Block<'a>> {
    let mut blocks: Vec<Block<'a>> = Vec::new();
    for (pointer, entry) in main.document.consumes_entries() {
        let block = match entry.import.as_deref() {
            None => Some(Block {
                loaded: main,
                pointer,
                consumes: entry,
                namespace: entry.namespace.clone().unwrap_or_default(),
            }),
            Some(namespace) => imported(main, &pointer, entry, namespace, found),
        };
        let Some(block) = block else { continue };
        let seen = blocks
            .iter()
            .any(|b| b.pointer == block.pointer && std::ptr::eq(b.loaded, block.loaded));
        if !seen {
            blocks.push(block);
        }
    }
    for block in &blocks {
        if !block.consumes.input_parameters.is_empty() {
            found.warnings.push(
                block
                    .error(
                        "/inputParameters",
                        format!(
                            "the `inputParameters` of `consumes` block `{}` (sent with every request) are not generated: the client does not send them",
                            block.namespace
                        ),
                    )
                    .hint("declare them on the operations, or set them per request with `RequestOptions` (`header`, `query`)")
                    .warning(),
            );
        }
        if block.consumes.resources.is_empty() {
            found.warnings.push(
                block
                    .error(
                        "",
                        format!(
                            "`consumes` block `{}` declares no resources: it adds no operation",
                            block.namespace
                        ),
                    )
                    .hint("add `resources` with their `operations`, or remove the block")
                    .warning(),
            );
        }
    }
    blocks
}

/// The block an entry of `file` (at `pointer`) imports, or an error in `found`.
fn imported<'a>(
    file: &'a Loaded,
    pointer: &str,
    entry: &Consumes,
    namespace: &str,
    found: &mut Findings,
) -> Option<Block<'a>> {
    let target = match entry.location.as_deref() {
        None => file,
        Some(location) => {
            // `spec::load` read every file named, or failed: an unresolved one is not here.
            let path = resolve_location(&file.file, location).ok()?;
            file.imported
                .iter()
                .find(|l| crate::spec::same_file(&l.file, &path))?
        }
    };
    let local = entry.alias.clone().unwrap_or_else(|| namespace.to_owned());
    let block = target
        .document
        .consumes_entries()
        .find(|(_, c)| c.import.is_none() && c.namespace.as_deref() == Some(namespace));
    match block {
        Some((pointer, consumes)) => Some(Block {
            loaded: target,
            pointer,
            consumes,
            namespace: local,
        }),
        None => {
            let declared: Vec<String> = target
                .document
                .consumes_entries()
                .filter(|(_, c)| c.import.is_none())
                .filter_map(|(_, c)| c.namespace.as_deref().map(|n| format!("`{n}`")))
                .collect();
            let hint = if declared.is_empty() {
                format!("{} declares no `consumes` block", target.file.display())
            } else {
                format!("it declares {}", declared.join(", "))
            };
            found.errors.push(
                file.error(
                    &format!("{pointer}/import"),
                    format!(
                        "`import: {namespace}` names no `consumes` block of {}",
                        target.file.display()
                    ),
                )
                .hint(hint),
            );
            None
        }
    }
}
