//! Conan references as typed values: parsed, printed, refused, sent as path variables.

use gitlab_packages::types::{ConanPackageReference, ConanRecipe, ConanRecipeRevision};
use tests::server::{Reply, Server};

use crate::support::{capture, client};

/// Conan references as Conan writes them: parsed into the types the operations take,
/// printed back the same, refused with the expected form when a part is missing, and
/// sent as the path variables they stand for.
#[tokio::test]
async fn conan_references_parse_print_and_fill_the_path() {
    let recipe: ConanRecipe = "my-package/1.0@my-group+my-project/stable".parse().unwrap();
    assert_eq!(
        recipe,
        ConanRecipe::new("my-package", "1.0", "my-group+my-project", "stable")
    );
    assert_eq!(
        recipe.to_string(),
        "my-package/1.0@my-group+my-project/stable"
    );
    let reference: ConanPackageReference = "zlib/1.3@_/_#rrev1:0ff1ce#prev2".parse().unwrap();
    assert_eq!(
        (
            reference.name.as_str(),
            reference.user.as_str(),
            reference.recipe_revision.as_str(),
            reference.package_id.as_str(),
            reference.package_revision.as_str()
        ),
        ("zlib", "_", "rrev1", "0ff1ce", "prev2")
    );
    assert_eq!(reference.to_string(), "zlib/1.3@_/_#rrev1:0ff1ce#prev2");
    for bad in ["zlib/1.3", "zlib/1.3@_", "zlib/1.3@_/_#", "/1.3@_/_"] {
        let err = bad.parse::<ConanRecipeRevision>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a Conan recipe reference with its revision: expected the form `name/version@user/channel#revision`",
            "{bad}"
        );
    }

    let server = Server::start();
    let c = client(&server);
    let (out, req) = capture(
        &server,
        Reply::bytes("PK"),
        c.get_project_conan_v2_package_file(1234, &reference, "conaninfo.txt"),
    )
    .await;
    out.unwrap();
    assert_eq!(
        req.target(),
        "GET /api/v4/projects/1234/packages/conan/v2/conans/zlib/1.3/_/_/revisions/rrev1/packages/0ff1ce/revisions/prev2/files/conaninfo.txt"
    );
    // A part that would change the endpoint is refused before anything is sent.
    let bad = ConanRecipe::new("zlib", "..", "_", "_");
    let err = c.get_conan_v1_recipe_snapshot(&bad).await.unwrap_err();
    assert!(
        err.to_string()
            .ends_with("parameter `package_version`: must not be `..`"),
        "{err}"
    );
}
