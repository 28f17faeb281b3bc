//! The API's named types (from the companion's schemas and parameter enums) and the
//! references to types that fields, bodies and responses use.

/// A named type of the API: a JSON object or a string enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name, e.g. `Package`.
    pub name: String,
    /// Where it comes from, e.g. the schema `API_Entities_Package`.
    pub source: String,
    /// Its description.
    pub doc: Option<String>,
    /// Its shape.
    pub kind: TypeDefKind,
}

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDefKind {
    /// A JSON object with known fields (unknown ones are tolerated).
    Struct {
        /// The fields, in schema order.
        fields: Vec<Field>,
        /// Whether users build it (a request body) rather than only read it.
        request: bool,
        /// Whether the format is open-ended (`additionalProperties`): fields it does not
        /// name are kept in a `rest` map, and sent back as they came.
        rest: bool,
    },
    /// A string with known values (an unknown value is kept, not refused).
    Enum {
        /// The values, in schema order.
        values: Vec<String>,
    },
    /// A JSON object whose keys are data (file names, tag names), all with one value type.
    Map {
        /// The type of every value.
        value: TypeRef,
    },
}

/// A field of a struct type (the emitter gives it an identifier of its language).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it is always present and never null (else it is an `Option`).
    pub required: bool,
    /// Its description.
    pub doc: Option<String>,
}

/// A reference to a type, as fields, bodies and responses use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// An identifier (a non-negative whole number).
    Id,
    /// A number with a fraction.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An RFC 3339 timestamp.
    DateTime,
    /// Any JSON.
    Json,
    /// A [`TypeDef`] by name.
    Named(String),
    /// A list.
    List(Box<TypeRef>),
}

impl TypeRef {
    /// The scalar type an overlay names: `string`, `integer`, `id`, `number`, `boolean`,
    /// `date_time` or `json`.
    pub fn scalar_named(name: &str) -> Option<TypeRef> {
        Some(match name {
            "string" => TypeRef::String,
            "integer" => TypeRef::Integer,
            "id" => TypeRef::Id,
            "number" => TypeRef::Number,
            "boolean" => TypeRef::Boolean,
            "date_time" => TypeRef::DateTime,
            "json" => TypeRef::Json,
            _ => return None,
        })
    }
}
