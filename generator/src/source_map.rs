//! Source positions of YAML nodes, for diagnostics.
//!
//! serde gives the generator a typed model of the capability but forgets where each node
//! came from. This module walks the same text with an event parser and records the position
//! of every node, found by a JSON-pointer-like path (`/capability/consumes/0/resources/3`).
//! Each node is stored under its parent with its own step of the path, so the index grows
//! with the text, not with the length of its paths.
//!
//! The index is a second parse of the text. It is built on the first lookup, or ahead of it
//! with [`SourceMap::index`]: [`yaml::parse`](crate::yaml::parse) builds it on another thread
//! while serde parses the same text, for the files whose positions every run needs.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::Location;

/// Positions of the nodes of one YAML document: a mapping entry is located at its key.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    text: Arc<str>,
    index: OnceLock<Index>,
}

impl SourceMap {
    /// Keeps `text` to index on the first [`locate`](Self::locate) (or on
    /// [`index`](Self::index)). A text the event parser cannot read gives an empty index
    /// (serde's own error, with its position, is what the user sees then).
    pub fn new(text: &str) -> Self {
        SourceMap {
            text: text.into(),
            index: OnceLock::new(),
        }
    }

    /// Builds the index now, e.g. on a thread of its own, so that lookups find it ready.
    pub fn index(&self) {
        self.built();
    }

    fn built(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(&self.text);
            // Event by event (the parser's own `load` recurses into nested nodes, and a
            // deeply nested text would overflow the stack), in the first document (serde_yaml
            // refuses a text of several). Errors are reported by serde_yaml; positions found
            // before one are still useful.
            while let Ok((event, mark)) = parser.next_token() {
                if matches!(event, Event::DocumentEnd | Event::StreamEnd) {
                    break;
                }
                builder.on_event(event, mark);
            }
            builder.index
        })
    }

    /// The position of the node at `pointer` (e.g. `/capability/consumes/0`; `` for the
    /// document), or of its nearest indexed ancestor.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let index = self.built();
        let mut node = ROOT;
        let mut found = index.at[ROOT];
        if pointer.is_empty() {
            return found;
        }
        for step in pointer.strip_prefix('/')?.split('/') {
            match index.children.get(&(node, Box::from(step))) {
                Some(&child) => node = child,
                None => break,
            }
            found = index.at[node].or(found);
        }
        found
    }
}

/// How deep nodes are indexed: serde_yaml's recursion limit, deeper than any value the
/// generator reads and asks the position of. A deeper node is located at its deepest
/// indexed ancestor.
const MAX_DEPTH: usize = 128;

/// The document's node.
const ROOT: usize = 0;

/// The nodes: where each starts, and each one's children by their step of the path.
#[derive(Debug, Clone)]
struct Index {
    /// Where each node starts (a node is known before it is located when it is the
    /// document, or the value of a complex key).
    at: Vec<Option<Location>>,
    /// A node's child by its step: a mapping key, escaped (`~` → `~0`, `/` → `~1`), or a
    /// sequence item's number.
    children: HashMap<(usize, Box<str>), usize>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            at: vec![None],
            children: HashMap::new(),
        }
    }
}

impl Index {
    /// The node `step` under `parent`, added if new.
    fn child(&mut self, parent: usize, step: &str) -> usize {
        let step: Box<str> = crate::yaml::escape(step).into();
        let next = self.at.len();
        let node = *self.children.entry((parent, step)).or_insert(next);
        if node == next {
            self.at.push(None);
        }
        node
    }

    /// Locates `node` at `loc`, unless it already is (the first of duplicate keys wins).
    fn mark(&mut self, node: usize, loc: Location) {
        self.at[node].get_or_insert(loc);
    }
}

/// The state of an open collection.
enum Frame {
    /// A mapping, with the entry whose key was read and whose value comes next.
    Mapping { entry: Option<Entry> },
    /// A sequence, with the index of its next item.
    Sequence { next: usize },
}

/// A mapping entry whose value comes next: its node, and whether it is already located (at
/// its key: scalar keys are; a complex key is located at its value).
struct Entry {
    node: usize,
    indexed: bool,
}

#[derive(Default)]
struct Builder {
    /// The open collections, each with its node.
    stack: Vec<(Frame, usize)>,
    /// How many collections deeper than [`MAX_DEPTH`] are open (not indexed).
    skipped_depth: usize,
    index: Index,
}

/// What starts at an event, for its parent.
enum Node {
    /// A value (or the document's root), to locate unless it already is.
    Value { node: usize, indexed: bool },
    /// A mapping key.
    Key,
}

impl Builder {
    /// What the node about to start is, advancing the parent's state. A key that is not a
    /// scalar names the next value `key_text` (`?`, `*alias`).
    fn enter(&mut self, key_text: &str) -> Node {
        let Builder { stack, index, .. } = self;
        let Some((frame, base)) = stack.last_mut() else {
            return Node::Value {
                node: ROOT,
                indexed: false,
            };
        };
        match frame {
            Frame::Sequence { next } => {
                let node = index.child(*base, &next.to_string());
                *next += 1;
                Node::Value {
                    node,
                    indexed: false,
                }
            }
            Frame::Mapping { entry } => match entry.take() {
                Some(Entry { node, indexed }) => Node::Value { node, indexed },
                None => {
                    *entry = Some(Entry {
                        node: index.child(*base, key_text),
                        indexed: false,
                    });
                    Node::Key
                }
            },
        }
    }

    /// Indexes what the event `ev`, at `mark`, starts.
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.skipped_depth > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipped_depth += 1,
                Event::MappingEnd | Event::SequenceEnd => self.skipped_depth -= 1,
                _ => {}
            }
            return;
        }
        let loc = Location {
            line: mark.line(),
            column: mark.col() + 1,
        };
        match ev {
            Event::Scalar(value, ..) => match self.enter(&value) {
                Node::Value { node, indexed } => {
                    if !indexed {
                        self.index.mark(node, loc);
                    }
                }
                Node::Key => {
                    // The entry this key opens is located at the key (for a nested mapping
                    // the value starts on a later line), and a block mapping starts where
                    // its first key does (the parser marks its start later).
                    if let Some((Frame::Mapping { entry: Some(entry) }, base)) =
                        self.stack.last_mut()
                    {
                        if let Some(start) = self.index.at[*base].as_mut() {
                            *start = (*start).min(loc);
                        }
                        self.index.mark(entry.node, loc);
                        entry.indexed = true;
                    }
                }
            },
            Event::Alias(_) => {
                if let Node::Value { node, indexed } = self.enter("*alias") {
                    if !indexed {
                        self.index.mark(node, loc);
                    }
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                // A complex key: index it under a placeholder and carry on.
                let node = match self.enter("?") {
                    Node::Value { node, .. } => node,
                    Node::Key => self.index.child(ROOT, "?"),
                };
                if self.stack.len() >= MAX_DEPTH {
                    self.skipped_depth = 1;
                    return;
                }
                self.index.mark(node, loc);
                let frame = if is_map {
                    Frame::Mapping { entry: None }
                } else {
                    Frame::Sequence { next: 0 }
                };
                self.stack.push((frame, node));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_indexed_without_recursion_down_to_max_depth() {
        let depth = 20_000;
        let text = format!(
            "top: 1\nx: {}1{}\n",
            "{a: ".repeat(depth),
            "}".repeat(depth)
        );
        let map = SourceMap::new(&text);
        // On a thread with a small stack, as the index is built alongside serde's parse.
        std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn_scoped(s, || map.index())
                .unwrap()
                .join()
                .unwrap();
        });
        assert_eq!(map.locate("/top"), Some(Location { line: 1, column: 1 }));
        let pointer = |levels: usize| format!("/x{}", "/a".repeat(levels));
        assert!(map.locate(&pointer(10)).is_some());
        // Below MAX_DEPTH nothing is indexed: the deepest indexed ancestor answers. Down to
        // it, each level is located on its own.
        assert_eq!(
            map.locate(&pointer(5_000)),
            map.locate(&pointer(MAX_DEPTH - 1))
        );
        assert_ne!(
            map.locate(&pointer(MAX_DEPTH - 2)),
            map.locate(&pointer(MAX_DEPTH - 1))
        );
    }

    #[test]
    fn the_index_grows_with_the_text_not_with_its_paths() {
        // 50 nested keys of 1,000 characters over 5,000 items: stored as whole paths, the
        // items alone would take 250 MB.
        let key = "k".repeat(1_000);
        let depth = 50;
        let items = vec!["1"; 5_000].join(",");
        let text = format!(
            "{}[{items}]{}\n",
            format!("{key}: {{").repeat(depth - 1) + &format!("{key}: "),
            "}".repeat(depth - 1)
        );
        let map = SourceMap::new(&text);
        let steps: usize = map.built().children.keys().map(|(_, s)| s.len()).sum();
        // (An item's number can be longer than the item.)
        assert!(
            steps <= 2 * text.len(),
            "{steps} bytes for {} of text",
            text.len()
        );
        let last = format!("{}/4999", format!("/{key}").repeat(depth));
        let column = text.rfind('1').unwrap() + 1;
        assert_eq!(map.locate(&last), Some(Location { line: 1, column }));
    }

    #[test]
    fn locates_nested_nodes_with_one_based_lines_and_columns() {
        let text = "a: 1\nlist:\n  - name: x\n    in: path\n  - name: y\n";
        let map = SourceMap::new(text);
        assert_eq!(map.locate("/a"), Some(Location { line: 1, column: 1 }));
        assert_eq!(map.locate("/list/1"), Some(Location { line: 5, column: 5 }));
        assert_eq!(
            map.locate("/list/0/in"),
            Some(Location { line: 4, column: 5 })
        );
        // Unknown children fall back to the nearest known ancestor.
        assert_eq!(
            map.locate("/list/1/missing"),
            Some(Location { line: 5, column: 5 })
        );
    }

    #[test]
    fn keys_with_slashes_are_escaped() {
        let map = SourceMap::new("paths:\n  /api/v4: 1\n");
        assert_eq!(
            map.locate("/paths/~1api~1v4"),
            Some(Location { line: 2, column: 3 })
        );
    }
}
