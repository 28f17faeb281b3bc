//! Corrections to the companion's types that neither document expresses: plain data that
//! the overlay stage produces (from its `schemas` and `type_names`) and the companion stage
//! applies while it builds the types.
//!
//! They are handed from one stage to the other because they concern types that exist only
//! once the companion is joined; without a companion they are not used.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Location;

/// Everything the overlay corrects in the companion's types.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TypeCorrections {
    /// Corrections to schemas, by schema name.
    pub schemas: BTreeMap<String, SchemaPatch>,
    /// Generated types to rename once every type is built, in the overlay's order.
    pub type_names: Vec<TypeRename>,
    /// Schemas the overlay defines from scratch (Swagger 2.0 schema objects), by Rust type
    /// name, with where each is written.
    pub definitions: BTreeMap<String, Definition>,
}

/// A schema the overlay defines.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The schema object, as written.
    pub schema: serde_yaml::Value,
    /// The file that defines it (the overlay), for diagnostics.
    pub file: PathBuf,
    /// Where in that file.
    pub at: Option<Location>,
}

/// Corrections to one schema.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SchemaPatch {
    /// The type's name, replacing the derived one.
    pub name: Option<String>,
    /// Fields always present and never null.
    pub required: Vec<String>,
    /// Field types, replacing the schema's; a field the schema lacks is added.
    pub fields: BTreeMap<String, FieldPatch>,
    /// The object is a map from keys that are data to values of this type (GitLab's
    /// `merge: true` entities, which the schema describes as one wrapping field).
    pub map_of: Option<String>,
}

/// A field's corrected type.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FieldPatch {
    /// `string`, `integer`, `id`, `number`, `boolean`, `date_time`, `json`, or a schema name.
    pub ty: Option<String>,
    /// A list of that type.
    pub list: bool,
}

/// A generated type to rename (`OrderBy` → `PackageOrderBy`).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRename {
    /// The generated name.
    pub from: String,
    /// The name wanted.
    pub to: String,
    /// The file that asks for it (the overlay), for diagnostics.
    pub file: PathBuf,
    /// Where in that file.
    pub at: Option<Location>,
}
