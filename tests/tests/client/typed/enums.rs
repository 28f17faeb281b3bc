//! The enums and GitLab's strings: round trips, unknown values kept, documented ones known.

use gitlab_packages::types::{
    PackageFileOrderBy, PackageOrderBy, PackageStatus, PackageType, SortDirection,
};
use serde_json::json;

/// An enum converts from and to GitLab's strings; a value it does not know survives.
#[test]
fn package_type_round_trips() {
    let terraform = PackageType::from("terraform_module");
    assert_eq!(terraform, PackageType::TerraformModule);
    assert_eq!(terraform.to_string(), "terraform_module");
    assert_eq!(terraform.as_str(), "terraform_module");
    assert_eq!(
        serde_json::to_value(&terraform).expect("serialize"),
        json!("terraform_module")
    );
    assert_eq!(
        serde_json::from_value::<PackageType>(json!("terraform_module")).expect("decode"),
        PackageType::TerraformModule
    );

    let new_thing = PackageType::from("new_thing");
    assert_eq!(new_thing, PackageType::Other("new_thing".into()));
    assert_eq!(new_thing.to_string(), "new_thing");
    assert_eq!(
        serde_json::to_value(&new_thing).expect("serialize"),
        json!("new_thing")
    );
}

/// Every value the documentation lists is a known variant and round-trips.
#[test]
fn documented_enum_values_are_known() {
    // en:39, zh:21, plus the types the generated enum adds.
    for value in [
        "composer",
        "conan",
        "generic",
        "golang",
        "helm",
        "maven",
        "npm",
        "nuget",
        "pypi",
        "terraform_module",
        "debian",
        "rubygems",
        "rpm",
        "ml_model",
        "cargo",
    ] {
        let kind = PackageType::from(value);
        assert!(!matches!(kind, PackageType::Other(_)), "{value}");
        assert_eq!(kind.to_string(), value);
    }
    // zh:25
    for value in [
        "default",
        "hidden",
        "processing",
        "error",
        "pending_destruction",
        "deprecated",
    ] {
        let status = PackageStatus::from(value);
        assert!(!matches!(status, PackageStatus::Other(_)), "{value}");
        assert_eq!(status.to_string(), value);
    }
    // zh:75
    for value in ["created_at", "name", "version", "type", "project_path"] {
        let order = PackageOrderBy::from(value);
        assert!(!matches!(order, PackageOrderBy::Other(_)), "{value}");
        assert_eq!(order.to_string(), value);
    }
    // zh:231
    for value in ["id", "file_name", "created_at"] {
        let order = PackageFileOrderBy::from(value);
        assert!(!matches!(order, PackageFileOrderBy::Other(_)), "{value}");
        assert_eq!(order.to_string(), value);
    }
    // zh:20
    assert_eq!(SortDirection::from("asc"), SortDirection::Asc);
    assert_eq!(SortDirection::from("desc"), SortDirection::Desc);
    assert_eq!(SortDirection::Desc.to_string(), "desc");
}
