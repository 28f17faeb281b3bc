use std::path::PathBuf;

use super::*;
use crate::emit::rust_names::Rust;
use crate::{lower, naming, normalize, spec};

const CAPABILITY: &str = "\
naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages
      operations:
      - name: list
        method: GET
        inputParameters:
        - {name: id, in: path, type: string, description: The ID or URL-encoded path of the project}
        - {name: sort, in: query, type: string}
    - path: /api/v4/groups/{id}/packages
      operations:
      - name: listgroup
        method: GET
        inputParameters:
        - {name: id, in: path, type: string, description: The ID or URL-encoded path of the group}
        - {name: sort, in: query, type: string}
    - path: /api/v4/projects/{id}/only-here
      operations:
      - name: onlyhere
        method: GET
";

const COMPANION: &str = "\
swagger: '2.0'
paths:
  /api/v4/projects/{id}/packages:
    get:
      summary: List
      description: Introduced in GitLab 11.8
      parameters:
      - {in: query, name: sort, type: string, enum: [asc, desc]}
      responses:
        '200':
          schema: {type: array, items: {$ref: '#/definitions/API_Entities_Package'}}
  /api/v4/groups/{id}/packages:
    get:
      parameters:
      - {in: query, name: sort, type: string, enum: [asc]}
      responses:
        '200':
          schema: {$ref: '#/definitions/Missing'}
  /api/v4/only-in-the-companion:
    get: {}
definitions:
  API_Entities_Package:
    type: object
    properties:
      id: {type: integer}
      created_at: {type: string, format: date-time}
      project_id: {type: integer}
      size: {type: integer}
";

fn named() -> Api {
    let loaded = spec::parse(Path::new("c.yaml"), CAPABILITY).unwrap();
    let mut api = normalize::normalize(lower::lower(&loaded).unwrap()).unwrap();
    for op in &mut api.operations {
        op.response = ResponseKind::Json;
    }
    naming::name_all(api, &Rust).unwrap().0
}

fn joined() -> (Api, Vec<Diagnostic>) {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    companion
        .join(named(), &TypeCorrections::default())
        .unwrap()
}

#[test]
fn responses_enums_and_notes_are_joined_by_method_and_path() {
    let (api, _) = joined();
    let list = &api.operations[0];
    assert_eq!(
        list.response_type,
        Some(TypeRef::List(Box::new(TypeRef::Named("Package".into()))))
    );
    assert_eq!(list.notes.as_deref(), Some("Introduced in GitLab 11.8"));
    let sort = list.params.iter().find(|p| p.wire_name == "sort").unwrap();
    assert_eq!(sort.enum_type.as_deref(), Some("Sort"));
    // The group's `sort` has a subset of the values: one enum serves both.
    let group_sort = api.operations[1]
        .params
        .iter()
        .find(|p| p.wire_name == "sort")
        .unwrap();
    assert_eq!(group_sort.enum_type.as_deref(), Some("Sort"));
    // A reference to a schema that does not exist is untyped JSON, not a failure.
    assert_eq!(api.operations[1].response_type, Some(TypeRef::Json));
    let package = api.types.iter().find(|t| t.name == "Package").unwrap();
    let TypeDefKind::Struct {
        fields, request, ..
    } = &package.kind
    else {
        panic!("a struct")
    };
    assert!(!request);
    let types: Vec<(&str, &TypeRef, bool)> = fields
        .iter()
        .map(|f| (f.wire_name.as_str(), &f.ty, f.required))
        .collect();
    assert_eq!(
        types,
        [
            ("id", &TypeRef::Id, false),
            ("created_at", &TypeRef::DateTime, false),
            ("project_id", &TypeRef::Id, false),
            ("size", &TypeRef::Integer, false),
        ]
    );
    let sort = api.types.iter().find(|t| t.name == "Sort").unwrap();
    assert_eq!(
        sort.kind,
        TypeDefKind::Enum {
            values: vec!["asc".into(), "desc".into()]
        }
    );
}

#[test]
fn operations_in_only_one_document_are_warnings() {
    let (_, warnings) = joined();
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("no operation `GET /api/v4/projects/{id}/only-here`"));
    assert!(messages[1].contains("`GET /api/v4/only-in-the-companion` is not in the capability"));
    assert!(warnings.iter().all(|w| w.warning));
}

#[test]
fn a_document_that_is_not_swagger_2_is_refused() {
    let e = Companion::parse(Path::new("s.yml"), "openapi: 3.0.0\n").unwrap_err();
    assert!(e.0[0].message.contains("not Swagger 2.0"), "{e}");
}

#[test]
fn schema_names_become_readable_rust_names() {
    assert_eq!(type_name("API_Entities_Package"), "Package");
    assert_eq!(type_name("API_Entities_PackageFile"), "PackageFile");
    assert_eq!(
        type_name("API_Entities_Package_Pipeline"),
        "PackagePipeline"
    );
    assert_eq!(
        type_name("API_Entities_Packages_Conan_RecipeSnapshot"),
        "ConanRecipeSnapshot"
    );
    assert_eq!(
        type_name("API_Entities_Packages_Debian_Distribution"),
        "DebianDistribution"
    );
    assert_eq!(
        type_name("API_Entities_Nuget_ServiceIndex"),
        "NugetServiceIndex"
    );
    assert_eq!(type_name("API_Entities_NpmPackageTag"), "NpmPackageTag");
}

#[test]
fn the_overlays_type_names_rename_generated_types() {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    let rename = |from: &str, to: &str| TypeRename {
        from: from.into(),
        to: to.into(),
        file: PathBuf::from("o.yaml"),
        at: Some(crate::diagnostic::Location { line: 3, column: 3 }),
    };
    let corrections = TypeCorrections {
        type_names: vec![rename("Sort", "SortDirection")],
        ..TypeCorrections::default()
    };
    let (api, _) = companion.join(named(), &corrections).unwrap();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Package", "SortDirection"]);
    let sort = api.operations[0]
        .params
        .iter()
        .find(|p| p.wire_name == "sort")
        .unwrap();
    assert_eq!(sort.enum_type.as_deref(), Some("SortDirection"));
    let corrections = TypeCorrections {
        type_names: vec![rename("Nope", "Yes"), rename("Sort", "Package")],
        ..TypeCorrections::default()
    };
    let e = companion.join(named(), &corrections).unwrap_err();
    assert!(
        e.0[0]
            .message
            .contains("renames `Nope`, which is not a generated type"),
        "{e}"
    );
    assert_eq!(e.0[0].file.as_deref(), Some(Path::new("o.yaml")));
    assert_eq!(e.0[0].location.map(|l| l.line), Some(3));
    assert!(
        e.0[1]
            .message
            .contains("to `Package`, which already exists"),
        "{e}"
    );
}

const UPLOADS: &str = "\
naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /files/{file_name}
      operations:
      - name: upload
        method: PUT
        inputParameters:
        - {name: file_name, in: path, type: string}
        - {name: upload, in: body, type: string, required: true}
    - path: /settings
      operations:
      - name: settings
        method: PUT
        inputParameters:
        - {name: settings, in: body, type: string, required: true}
";

const UPLOADS_COMPANION: &str = "\
swagger: '2.0'
paths:
  /files/{file_name}:
    put:
      parameters:
      - {in: path, name: file_name, type: string, required: true}
      - {in: query, name: dry_run, type: boolean}
      - {in: body, name: upload, required: true, schema: {$ref: '#/definitions/upload'}}
      responses: {'201': {description: Created}}
  /settings:
    put:
      parameters:
      - {in: body, name: settings, required: true, schema: {$ref: '#/definitions/settings'}}
      responses: {'200': {description: OK}}
definitions:
  upload:
    type: object
    required: [file, channel]
    properties:
      file_name: {type: string}
      file: {type: file}
      channel: {type: string, description: Where it goes}
      visibility: {type: string, enum: [public, hidden]}
  settings:
    type: object
    properties:
      file: {type: file}
      name: {type: string}
";

/// What the companion declares and the capability lacks joins: its query parameters,
/// and an upload's body fields, in the query of a raw upload. A body that is not an upload
/// keeps its fields (the JSON or form body's type carries them).
#[test]
fn parameters_only_the_companion_declares_are_joined_with_a_warning() {
    let loaded = spec::parse(Path::new("c.yaml"), UPLOADS).unwrap();
    let mut api = normalize::normalize(lower::lower(&loaded).unwrap()).unwrap();
    api.operations[1].body.as_mut().unwrap().kind = BodyKind::Json;
    let companion = Companion::parse(Path::new("s.yml"), UPLOADS_COMPANION).unwrap();
    let (api, warnings) = companion.add_parameters(api);
    let upload: Vec<(&str, ParamLocation, bool, crate::ir::ParamType)> = api.operations[0]
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.location, p.required, p.ty))
        .collect();
    use crate::ir::ParamType::{Boolean, String};
    assert_eq!(
        upload,
        [
            ("file_name", ParamLocation::Path, true, String),
            ("dry_run", ParamLocation::Query, false, Boolean),
            ("channel", ParamLocation::Query, true, String),
            ("visibility", ParamLocation::Query, false, String),
        ]
    );
    assert_eq!(
        api.operations[1].params.len(),
        0,
        "a JSON body keeps its fields"
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].message,
        "the capability lacks parameters the companion declares for `PUT /files/{file_name}`; joined: `dry_run`, `channel`, `visibility`"
    );
    // The field's enumeration becomes an enum in the join.
    let mut api = naming::name_all(api, &Rust).unwrap().0;
    for op in &mut api.operations {
        op.response = ResponseKind::Empty;
    }
    let (api, _) = companion.join(api, &TypeCorrections::default()).unwrap();
    let visibility = api.operations[0]
        .params
        .iter()
        .find(|p| p.wire_name == "visibility")
        .unwrap();
    assert_eq!(visibility.enum_type.as_deref(), Some("Visibility"));
}

fn definition(yaml: &str) -> crate::corrections::Definition {
    crate::corrections::Definition {
        schema: serde_yaml::from_str(yaml).unwrap(),
        file: PathBuf::from("o.yaml"),
        at: None,
    }
}

/// The overlay defines a type the companion lacks and gives it to an operation, even one
/// the companion does not have; its `required` holds, and an open-ended format keeps the
/// fields it does not name.
#[test]
fn the_overlays_definitions_type_answers_the_companion_lacks() {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    let mut api = named();
    api.operations[2].response_schema = Some("OnlyHere".into());
    api.operations[0].also_answers = vec!["OnlyHere".into(), "API_Entities_Package".into()];
    let mut corrections = TypeCorrections::default();
    corrections.definitions.insert(
        "OnlyHere".into(),
        definition(
            "{type: object, additionalProperties: true, required: [name], properties: {name: {type: string}, tags: {type: object, additionalProperties: {type: string}}}}",
        ),
    );
    let (api, _) = companion.join(api, &corrections).unwrap();
    assert_eq!(
        api.operations[2].response_type,
        Some(TypeRef::Named("OnlyHere".into()))
    );
    // What a parameter can choose to answer instead: the same types, renamed as they are.
    assert_eq!(
        api.operations[0].also_answer_types,
        [
            TypeRef::Named("OnlyHere".into()),
            TypeRef::Named("Package".into())
        ]
    );
    let only = api.types.iter().find(|t| t.name == "OnlyHere").unwrap();
    let TypeDefKind::Struct { fields, rest, .. } = &only.kind else {
        panic!("{only:?}")
    };
    assert!(*rest);
    assert_eq!(fields[0].wire_name, "name");
    assert!(fields[0].required);
    assert_eq!(fields[1].ty, TypeRef::Named("OnlyHereTags".into()));
    let tags = api.types.iter().find(|t| t.name == "OnlyHereTags").unwrap();
    assert_eq!(
        tags.kind,
        TypeDefKind::Map {
            value: TypeRef::String
        }
    );
}

#[test]
fn a_definition_the_companion_has_or_a_schema_nobody_defines_is_an_error() {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    let mut api = named();
    api.operations[0].response_schema = Some("Nowhere".into());
    api.operations[1].also_answers = vec!["Elsewhere".into()];
    let mut corrections = TypeCorrections::default();
    corrections
        .definitions
        .insert("API_Entities_Package".into(), definition("{type: object}"));
    let errors = companion.join(api, &corrections).unwrap_err();
    let messages: Vec<&str> = errors.0.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the overlay's `also_answers: Elsewhere` names no definition of the companion or the overlay",
            "the overlay's `response_schema: Nowhere` names no definition of the companion or the overlay",
            "definition `API_Entities_Package` is also a definition of the companion: correct that one with `schemas`",
        ]
    );
}

/// A named definition whose keys are data is a map (its values a definition too), shared
/// by every field that refers to it.
#[test]
fn a_named_definition_of_keys_that_are_data_is_a_map() {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    let mut api = named();
    api.operations[2].response_schema = Some("Versions".into());
    let mut corrections = TypeCorrections::default();
    corrections.definitions.insert(
        "Versions".into(),
        definition("{type: object, additionalProperties: {$ref: '#/definitions/Version'}}"),
    );
    corrections.definitions.insert(
        "Version".into(),
        definition(
            "{type: object, required: [name], properties: {name: {type: string}, needs: {$ref: '#/definitions/Links'}, offers: {$ref: '#/definitions/Links'}}}",
        ),
    );
    corrections.definitions.insert(
        "Links".into(),
        definition("{type: object, additionalProperties: {type: string}}"),
    );
    let (api, _) = companion.join(api, &corrections).unwrap();
    assert_eq!(
        api.operations[2].response_type,
        Some(TypeRef::Named("Versions".into()))
    );
    let kind = |name: &str| {
        api.types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("{name}: {:?}", api.types))
            .kind
            .clone()
    };
    assert_eq!(
        kind("Versions"),
        TypeDefKind::Map {
            value: TypeRef::Named("Version".into())
        }
    );
    assert_eq!(
        kind("Links"),
        TypeDefKind::Map {
            value: TypeRef::String
        }
    );
    let TypeDefKind::Struct { fields, rest, .. } = kind("Version") else {
        panic!("a struct")
    };
    assert!(!rest);
    assert_eq!(fields[1].ty, TypeRef::Named("Links".into()));
    assert_eq!(fields[2].ty, TypeRef::Named("Links".into()));
}

/// `untyped` where the companion types the answer, and `response_nullable` where nothing
/// does (or on a list of pages), are errors once the types are joined.
#[test]
fn untyped_answers_the_companion_types_and_untyped_nullable_answers_are_errors() {
    let companion = Companion::parse(Path::new("s.yml"), COMPANION).unwrap();
    let mut api = named();
    api.operations[0].untyped = Some("free-form".into());
    api.operations[1].response_nullable = true;
    api.operations[2].response_nullable = true;
    let errors = companion
        .join(api, &TypeCorrections::default())
        .unwrap_err();
    let messages: Vec<&str> = errors.0.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the overlay leaves `GET /api/v4/projects/{id}/packages` untyped, but the companion types its answer: remove `untyped`",
            "the overlay's `response_nullable` for `GET /api/v4/groups/{id}/packages` needs a typed answer that is not paged",
            "the overlay's `response_nullable` for `GET /api/v4/projects/{id}/only-here` needs a typed answer that is not paged",
        ]
    );
}
