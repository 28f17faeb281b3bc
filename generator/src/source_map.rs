//! Source positions of YAML nodes, for diagnostics.
//!
//! serde gives the generator a typed model of the capability but forgets where each node
//! came from. This module walks the same text with an event parser and records, for every
//! node, its position under a JSON-pointer-like path (`/capability/consumes/0/resources/3`).
//!
//! The index is built on the first lookup: a run without diagnostics never pays for the
//! second parse (it is most of the time spent reading a large capability).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
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

    fn nodes(&self) -> &HashMap<String, Location> {
        self.nodes.get_or_init(|| {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(&self.text);
            // Errors are reported by serde_yaml; positions found before one are still
            // useful.
            let _ = parser.load(&mut builder, false);
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

enum Frame {
    Mapping { key: Option<String> },
    Sequence { next: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<(Frame, String)>,
    nodes: HashMap<String, Location>,
}

impl Builder {
    /// The pointer of the node about to start, advancing the parent's state. `None` when
    /// the event is a mapping key.
    fn enter(&mut self, key_text: Option<&str>) -> Option<String> {
        let Some((frame, base)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match frame {
            Frame::Sequence { next } => {
                let p = format!("{base}/{next}");
                *next += 1;
                Some(p)
            }
            Frame::Mapping { key } => match key.take() {
                Some(k) => Some(format!(
                    "{base}/{}",
                    k.replace('~', "~0").replace('/', "~1")
                )),
                None => {
                    // This node is a key; scalar keys name the next value.
                    *key = Some(key_text.unwrap_or("?").to_owned());
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let loc = Location {
            line: mark.line(),
            column: mark.col() + 1,
        };
        match ev {
            Event::Scalar(value, ..) => match self.enter(Some(&value)) {
                Some(p) => {
                    self.nodes.entry(p).or_insert(loc);
                }
                None => {
                    // A key. The entry it opens is located at the key (for a nested
                    // mapping the value starts on a later line), and a block mapping starts
                    // where its first key does (the parser marks its start later).
                    if let Some((_, base)) = self.stack.last() {
                        let entry =
                            format!("{base}/{}", value.replace('~', "~0").replace('/', "~1"));
                        if let Some(start) = self.nodes.get_mut(base) {
                            *start = (*start).min(loc);
                        }
                        self.nodes.entry(entry).or_insert(loc);
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(p) = self.enter(Some("*alias")) {
                    self.nodes.entry(p).or_insert(loc);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                // A complex key: index it under a placeholder and carry on.
                let p = self.enter(Some("?")).unwrap_or_else(|| "/?".to_owned());
                self.nodes.entry(p.clone()).or_insert(loc);
                let frame = if is_map {
                    Frame::Mapping { key: None }
                } else {
                    Frame::Sequence { next: 0 }
                };
                self.stack.push((frame, p));
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
