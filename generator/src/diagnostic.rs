//! Diagnostics: what is wrong with an input, and where.
//!
//! Rendered like a compiler's:
//!
//! ```text
//! error: unknown parameter location `cookie`
//!   --> specs/x.yaml:12:11
//!   = operation: getapiv4projects (GET /api/v4/projects)
//!   = parameter: sort
//!   = hint: use one of `path`, `query`, `header`, `body`, `formData`
//! ```

use std::fmt;
use std::path::PathBuf;

/// A position in an input file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong.
    pub message: String,
    /// The file it was found in.
    pub file: Option<PathBuf>,
    /// Where in that file.
    pub location: Option<Location>,
    /// The operation concerned (its name in the spec, and `METHOD path`).
    pub operation: Option<String>,
    /// The parameter concerned (its name in the spec).
    pub parameter: Option<String>,
    /// How to fix it, where that is obvious.
    pub hint: Option<String>,
    /// A warning does not stop generation.
    pub warning: bool,
    /// A warning that an operation was left out (see [`Diagnostic::skipped`]).
    pub skipped: bool,
}

impl Diagnostic {
    /// A diagnostic with only a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            location: None,
            operation: None,
            parameter: None,
            hint: None,
            warning: false,
            skipped: false,
        }
    }

    /// The error of an operation made the warning that it is left out: `operation skipped:
    /// <message>`, with the same location, operation, parameter and hint.
    pub fn skipped(mut self) -> Self {
        self.message = format!("operation skipped: {}", self.message);
        self.warning = true;
        self.skipped = true;
        self
    }

    /// Makes it a warning: reported, but generation goes on.
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the location, if known.
    pub fn at(mut self, location: Option<Location>) -> Self {
        if location.is_some() {
            self.location = location;
        }
        self
    }

    /// Names the operation.
    pub fn operation(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }

    /// Names the parameter.
    pub fn parameter(mut self, parameter: impl Into<String>) -> Self {
        self.parameter = Some(parameter.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = if self.warning { "warning" } else { "error" };
        write!(f, "{severity}: {}", self.message)?;
        match (&self.file, self.location) {
            (Some(file), Some(loc)) => {
                write!(f, "\n  --> {}:{}:{}", file.display(), loc.line, loc.column)?
            }
            (Some(file), None) => write!(f, "\n  --> {}", file.display())?,
            (None, Some(loc)) => write!(f, "\n  --> line {}:{}", loc.line, loc.column)?,
            (None, None) => {}
        }
        if let Some(op) = &self.operation {
            write!(f, "\n   = operation: {op}")?;
        }
        if let Some(param) = &self.parameter {
            write!(f, "\n   = parameter: {param}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n   = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// `Ok(value)` if nothing was recorded, else every problem.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort_by(|a, b| {
                (&a.file, a.location)
                    .cmp(&(&b.file, b.location))
                    .then_with(|| a.message.cmp(&b.message))
            });
            self.0.dedup();
            Err(self)
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n\nerror: {} problems found", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
