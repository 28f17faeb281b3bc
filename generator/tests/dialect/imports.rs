//! Item 4 and 6 of the dialect rules: `consumes` at the top level of a file, and entries
//! that import a block of another file; import cycles and missing files are refused.

use super::*;

#[test]
fn top_level_consumes_are_generated() {
    let (api, _, warnings) = generated("top-level-consumes");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(api.base_url.as_deref(), Some("https://api.example.com"));
    assert_eq!(op(&api, "get_forecast").raw_path, "/v1/forecast");
}

#[test]
fn imported_blocks_are_generated_from_their_file() {
    let (api, _, warnings) = generated("import");
    assert!(warnings.is_empty(), "{warnings:?}");
    let users = op(&api, "list_users");
    let imported = fixture("imported/users-api");
    let declared_in = users.declared_in.as_deref().unwrap();
    assert_eq!(
        declared_in.canonicalize().unwrap(),
        imported.canonicalize().unwrap()
    );
    assert_eq!(
        users.declared_at.map(|l| l.line),
        Some(line_in(&imported, "- name: listusers"))
    );
    // Known by its alias (`as: people`), as the tool calling it says.
    assert_eq!(users.hints.read_only, Some(true));
    // The imported block is the first: its root and authentication are the default ones.
    assert_eq!(api.base_url.as_deref(), Some("https://users.example.com"));
    assert!(api.auth.is_some());
    assert_eq!(op(&api, "list_groups").server.as_deref(), Some("groups"));
}

#[test]
fn import_cycles_and_missing_files_are_refused_at_the_location() {
    let cycle = refused_with(
        &Options::new(bad_spec("import-cycle-a")),
        // The entry that closes the cycle, in the other file.
        "location: ./import-cycle-a.yaml",
        "import cycle: import-cycle-a.yaml → import-cycle-b.yaml → import-cycle-a.yaml",
    );
    assert!(cycle.file.unwrap().ends_with("import-cycle-b.yaml"));
    let missing = refused_with(
        &Options::new(bad_spec("import-missing")),
        "location: ./shared/users-api.yaml",
        "imported file `./shared/users-api.yaml` not found",
    );
    assert!(
        missing
            .hint
            .unwrap()
            .contains("folder of the file that imports it")
    );
}
