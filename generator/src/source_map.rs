//! Source positions of YAML nodes, for diagnostics.
//!
//! serde gives the generator a typed model of the capability but forgets where each node
//! came from. This module walks the same text with an event parser and records, for every
//! node, its position under a JSON-pointer-like path (`/capability/consumes/0/resources/3`).
//!
//! The index is built on the first lookup, or ahead of it with [`SourceMap::index`]: it is a
//! second parse of the text, so the capability's is built on another thread while the other
//! inputs are read (lowering records where each operation was declared).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::Location;

/// Positions of the nodes of one YAML document: a mapping entry is located at its key.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    text: Arc<str>,
    nodes: OnceLock<HashMap<String, Location>>,
}

impl SourceMap {
    /// Keeps `text` to index on the first [`locate`](Self::locate). A text the event parser
    /// cannot read gives an empty index (serde's own error, with its position, is what the
    /// user sees then).
    pub fn new(text: &str) -> Self {
        SourceMap {
            text: text.into(),
            nodes: OnceLock::new(),
        }
    }

    /// Builds the index now, e.g. on a thread of its own, so that lookups find it ready.
    pub fn index(&self) {
        self.nodes();
    }

    fn nodes(&self) -> &HashMap<String, Location> {
        self.nodes.get_or_init(|| {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(&self.text);
            // Event by event (the parser's own `load` recurses into nested nodes, and a
            // deeply nested text would overflow the stack), the first document only, as
            // serde_yaml reads it. Errors are reported by serde_yaml; positions found before
            // one are still useful.
            while let Ok((event, mark)) = parser.next_token() {
                if matches!(event, Event::DocumentEnd | Event::StreamEnd) {
                    break;
                }
                builder.on_event(event, mark);
            }
            builder.nodes
        })
    }

    /// The position of the node at `pointer` (e.g. `/capability/consumes/0`), or of its
    /// nearest indexed ancestor.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let nodes = self.nodes();
        let mut p = pointer;
        loop {
            if let Some(loc) = nodes.get(p) {
                return Some(*loc);
            }
            let cut = p.rfind('/')?;
            p = &p[..cut];
        }
    }
}

/// How deep nodes are indexed: serde_yaml's recursion limit, deeper than any value the
/// generator reads and asks the position of. A deeper node is located at its deepest
/// indexed ancestor, and a hostile nesting costs nothing.
const MAX_DEPTH: usize = 128;

/// The state of an open collection.
enum Frame {
    /// A mapping, with the entry whose key was read and whose value comes next.
    Mapping { entry: Option<Entry> },
    /// A sequence, with the index of its next item.
    Sequence { next: usize },
}

/// A mapping entry whose value comes next: its pointer, and whether it is already indexed
/// (at its key: scalar keys are; a complex key is located at its value).
struct Entry {
    pointer: String,
    indexed: bool,
}

#[derive(Default)]
struct Builder {
    stack: Vec<(Frame, String)>,
    /// Collections open below [`MAX_DEPTH`], not indexed.
    too_deep: usize,
    nodes: HashMap<String, Location>,
}

/// `base/key`, the key escaped as a pointer step (`~` → `~0`, `/` → `~1`).
fn child(base: &str, key: &str) -> String {
    let mut p = String::with_capacity(base.len() + key.len() + 1);
    p.push_str(base);
    p.push('/');
    if key.contains(['~', '/']) {
        p.push_str(&key.replace('~', "~0").replace('/', "~1"));
    } else {
        p.push_str(key);
    }
    p
}

/// What starts at an event, for its parent.
enum Node {
    /// A value (or the document's root) at this pointer, to index unless it already is.
    Value { pointer: String, indexed: bool },
    /// A mapping key.
    Key,
}

impl Builder {
    /// What the node about to start is, advancing the parent's state. A key that is not a
    /// scalar names the next value `key_text` (`?`, `*alias`).
    fn enter(&mut self, key_text: &str) -> Node {
        let Some((frame, base)) = self.stack.last_mut() else {
            return Node::Value {
                pointer: String::new(),
                indexed: false,
            };
        };
        match frame {
            Frame::Sequence { next } => {
                let pointer = format!("{base}/{next}");
                *next += 1;
                Node::Value {
                    pointer,
                    indexed: false,
                }
            }
            Frame::Mapping { entry } => match entry.take() {
                Some(Entry { pointer, indexed }) => Node::Value { pointer, indexed },
                None => {
                    *entry = Some(Entry {
                        pointer: child(base, key_text),
                        indexed: false,
                    });
                    Node::Key
                }
            },
        }
    }

    /// Indexes what the event `ev`, at `mark`, starts.
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.too_deep > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.too_deep += 1,
                Event::MappingEnd | Event::SequenceEnd => self.too_deep -= 1,
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
                Node::Value { pointer, indexed } => {
                    if !indexed {
                        self.nodes.entry(pointer).or_insert(loc);
                    }
                }
                Node::Key => {
                    // The entry this key opens is located at the key (for a nested mapping
                    // the value starts on a later line), and a block mapping starts where
                    // its first key does (the parser marks its start later).
                    if let Some((Frame::Mapping { entry: Some(entry) }, base)) =
                        self.stack.last_mut()
                    {
                        if let Some(start) = self.nodes.get_mut(base.as_str()) {
                            *start = (*start).min(loc);
                        }
                        self.nodes.entry(entry.pointer.clone()).or_insert(loc);
                        entry.indexed = true;
                    }
                }
            },
            Event::Alias(_) => {
                if let Node::Value { pointer, indexed } = self.enter("*alias") {
                    if !indexed {
                        self.nodes.entry(pointer).or_insert(loc);
                    }
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                // A complex key: index it under a placeholder and carry on.
                let pointer = match self.enter("?") {
                    Node::Value { pointer, .. } => pointer,
                    Node::Key => "/?".to_owned(),
                };
                if self.stack.len() >= MAX_DEPTH {
                    self.too_deep = 1;
                    return;
                }
                self.nodes.entry(pointer.clone()).or_insert(loc);
                let frame = if is_map {
                    Frame::Mapping { entry: None }
                } else {
                    Frame::Sequence { next: 0 }
                };
                self.stack.push((frame, pointer));
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
        // Below MAX_DEPTH nothing is indexed: the deepest indexed ancestor answers.
        assert_eq!(
            map.locate(&pointer(5_000)),
            map.locate(&pointer(MAX_DEPTH - 1))
        );
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
