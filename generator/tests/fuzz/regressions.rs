//! The fixtures themselves, and the crashes the properties found, minimized.

use std::path::{Path, PathBuf};

use generator::companion::Companion;
use generator::overlay::Overlay;
use generator::{ir_from, spec};

use crate::{Outcome, golden, no_panic, repository, seeds};

#[track_caller]
fn assert_no_panic(capability: &str, overlay: Option<&str>, companion: Option<&str>) -> Outcome {
    no_panic(capability, overlay, companion).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn fixtures_do_not_panic() {
    for seed in seeds() {
        let outcome = assert_no_panic(
            &seed.capability,
            seed.overlay.as_deref(),
            seed.companion.as_deref(),
        );
        // The golden fixtures generate; the bad specs' refusals are `tests/cli.rs`'s.
        if !seed.name.ends_with(".yaml") {
            assert!(
                matches!(outcome, Outcome::Generated { .. }),
                "{}: {outcome:?}",
                seed.name
            );
        }
    }
}

/// Every file under `tests/fuzz-regressions/`: `NAME.yaml` is a capability, with
/// `NAME.overlay.yaml` and `NAME.companion.yml` beside it when the crash needed them.
#[test]
fn regressions_do_not_panic() {
    let dir = repository().join("tests/fuzz-regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".yaml") else {
            continue;
        };
        if stem.ends_with(".overlay") {
            continue;
        }
        let read = |p: PathBuf| std::fs::read_to_string(p).ok();
        let capability = read(path.clone()).unwrap();
        let overlay = read(dir.join(format!("{stem}.overlay.yaml")));
        let companion = read(dir.join(format!("{stem}.companion.yml")));
        if let Err(e) = no_panic(&capability, overlay.as_deref(), companion.as_deref()) {
            panic!("{}: {e}", path.display());
        }
    }
}

/// The refusal of an input that once crashed the generator: no panic, and a diagnostic
/// whose message contains `needle`.
#[track_caller]
fn assert_refused(capability: &str, overlay: Option<&str>, companion: Option<&str>, needle: &str) {
    assert!(
        matches!(
            assert_no_panic(capability, overlay, companion),
            Outcome::Refused
        ),
        "accepted"
    );
    let loaded = spec::parse(Path::new("capability.yaml"), capability);
    let errors = loaded
        .and_then(|l| {
            let overlay = overlay
                .map(|t| Overlay::parse(Path::new("overlay.yaml"), t))
                .transpose()?;
            let companion = companion
                .map(|t| Companion::parse(Path::new("companion.yml"), t))
                .transpose()?;
            ir_from(&l, overlay.as_ref(), companion.as_ref()).map(drop)
        })
        .unwrap_err();
    assert!(
        errors.0.iter().any(|d| d.message.contains(needle)),
        "no diagnostic says `{needle}`:\n{errors}"
    );
}

/// Found by `random_overlays_on_golden_capabilities_do_not_panic`: an overlay `enum` name
/// that is no identifier reached `Ident::new` in `emit` (panic "`\"foo bar\"` is not a valid
/// Ident"). Fixed in `overlay/mod.rs`, `Overlay::parse` (`check_type_names`).
#[test]
fn regression_overlay_enum_name_is_not_an_identifier() {
    let overlay = "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages
    params:
      id:
        enum: foo bar
";
    assert_refused(
        &golden("minimal").capability,
        Some(overlay),
        None,
        "`enum` `foo bar` is not a Rust type name",
    );
    // The same for a schema's `name` and a `type_names` target.
    let overlay = "overlay: 1\nschemas:\n  API_Entities_Package:\n    name: 1Package\n";
    assert_refused(
        &golden("companion").capability,
        Some(overlay),
        golden("companion").companion.as_deref(),
        "`name` `1Package` is not a Rust type name",
    );
    let overlay = "overlay: 1\ntype_names:\n  Sort: sort-direction\n";
    assert_refused(
        &golden("companion").capability,
        Some(overlay),
        golden("companion").companion.as_deref(),
        "`type_names` target `sort-direction` is not a Rust type name",
    );
}

/// Found by `random_overlays_on_golden_capabilities_do_not_panic`: `rename: _0` passed the
/// snake_case check, and its builder's name, `_0` in UpperCamelCase, is `0` (panic "Ident
/// cannot be a number" in `emit`). Fixed in `naming/mod.rs`, `is_operation_name`: an override
/// name starts with a letter.
#[test]
fn regression_rename_without_a_letter_first() {
    for name in ["_0", "__", "_", "_a"] {
        let overlay = format!(
            "overlay: 1\noperations:\n  - target: GET /api/v4/projects/{{id}}/packages\n    rename: {name}\n"
        );
        assert_refused(
            &golden("minimal").capability,
            Some(&overlay),
            None,
            &format!("override name `{name}` is not a snake_case Rust identifier"),
        );
    }
}

/// Found by `generated_companions_do_not_panic`: a companion parameter whose name starts
/// with a digit (`1abc`) named its enum `1abc` (panic "`\"1abc\"` is not a valid Ident" in
/// `emit`), and an inline object under a property named with a non-ASCII digit (`x²`) was
/// named `…X²` (not an identifier either). Fixed in `companion/`: the enum's name is
/// `type_name(&p.name)` (`Type1abc`), and the names composed from documents' names
/// (`Companion::join`'s enum fallback, `TypeBuilder::define`'s nested objects) keep ASCII
/// letters and digits only (`camel`).
#[test]
fn regression_companion_names_that_are_not_identifiers() {
    let capability = "naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/projects/{id}/packages
      operations:
      - name: list
        method: GET
        inputParameters:
        - {name: id, in: path, type: string}
        - {name: 1abc, in: query, type: string}
";
    let companion = "swagger: '2.0'
paths:
  /api/v4/projects/{id}/packages:
    get:
      parameters:
      - {in: query, name: 1abc, type: string, enum: [a, b]}
      responses:
        '200':
          schema:
            type: object
            properties:
              x²:
                type: object
                properties:
                  a: {type: string}
";
    let overlay = "overlay: 1
operations:
  - target: GET /api/v4/projects/{id}/packages
    response: json
";
    for overlay in [None, Some(overlay)] {
        let outcome = assert_no_panic(capability, overlay, Some(companion));
        assert!(
            matches!(outcome, Outcome::Generated { typed: true }),
            "{outcome:?}"
        );
    }
}

/// Found by `generated_companions_do_not_panic` with `FUZZ_STRICT_EMIT=1`: a parameter named
/// `Self` with an enum in the companion gave `pub enum Self`, which `emit` refused ("emitted
/// Rust does not parse: expected identifier, found keyword `Self`"): no panic, but a
/// capability refused for no fault of its own. Fixed in `companion/types.rs`, `type_name`: `Self`
/// becomes `TypeSelf`.
#[test]
fn regression_enum_of_a_parameter_named_self() {
    let capability = "naftiko: 1.0.0-alpha2
capability:
  consumes:
  - namespace: t
    resources:
    - path: /api/v4/{Self}
      operations:
      - name: get
        method: GET
";
    let companion = "swagger: '2.0'
paths:
  /api/v4/{Self}:
    get:
      parameters:
      - {in: path, name: Self, type: string, enum: [a, b]}
";
    let outcome = assert_no_panic(capability, None, Some(companion));
    assert!(
        matches!(outcome, Outcome::Generated { typed: true }),
        "{outcome:?}"
    );
}
