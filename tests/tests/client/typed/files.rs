//! The package files (en:252-298 / zh:238-284).

use gitlab_packages::types::PackageFile;

use super::*;

/// en:252-298, "List package files".
const EN_PACKAGE_FILES: &str = r#"[
  {
    "id": 25,
    "package_id": 4,
    "created_at": "2018-11-07T15:25:52.199Z",
    "file_name": "my-app-1.5-20181107.152550-1.jar",
    "size": 2421,
    "file_md5": "58e6a45a629910c6ff99145a688971ac",
    "file_sha1": "ebd193463d3915d7e22219f52740056dfd26cbfe",
    "file_sha256": "a903393463d3915d7e22219f52740056dfd26cbfeff321b",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "Administrator",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  },
  {
    "id": 26,
    "package_id": 4,
    "created_at": "2018-11-07T15:25:56.776Z",
    "file_name": "my-app-1.5-20181107.152550-1.pom",
    "size": 1122,
    "file_md5": "d90f11d851e17c5513586b4a7e98f1b2",
    "file_sha1": "9608d068fe88aff85781811a42f32d97feb440b5",
    "file_sha256": "2987d068fe88aff85781811a42f32d97feb4f092a399"
  },
  {
    "id": 27,
    "package_id": 4,
    "created_at": "2018-11-07T15:26:00.556Z",
    "file_name": "maven-metadata.xml",
    "size": 767,
    "file_md5": "6dfd0cce1203145a927fef5e3a1c650c",
    "file_sha1": "d25932de56052d320a8ac156f745ece73f6a8cd2",
    "file_sha256": "ac849d002e56052d320a8ac156f745ece73f6a8cd2f3e82"
  }
]"#;

/// zh:238-284, the same files.
const ZH_PACKAGE_FILES: &str = r#"[
  {
    "id": 25,
    "package_id": 4,
    "created_at": "2018-11-07T15:25:52.199Z",
    "file_name": "my-app-1.5-20181107.152550-1.jar",
    "size": 2421,
    "file_md5": "58e6a45a629910c6ff99145a688971ac",
    "file_sha1": "ebd193463d3915d7e22219f52740056dfd26cbfe",
    "file_sha256": "a903393463d3915d7e22219f52740056dfd26cbfeff321b",
    "pipelines": [
      {
        "id": 123,
        "status": "pending",
        "ref": "new-pipeline",
        "sha": "a91957a858320c0e17f3a0eca7cfacbff50ea29a",
        "web_url": "https://example.com/foo/bar/pipelines/47",
        "created_at": "2016-08-11T11:28:34.085Z",
        "updated_at": "2016-08-11T11:32:35.169Z",
        "user": {
          "name": "管理员",
          "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
        }
      }
    ]
  },
  {
    "id": 26,
    "package_id": 4,
    "created_at": "2018-11-07T15:25:56.776Z",
    "file_name": "my-app-1.5-20181107.152550-1.pom",
    "size": 1122,
    "file_md5": "d90f11d851e17c5513586b4a7e98f1b2",
    "file_sha1": "9608d068fe88aff85781811a42f32d97feb440b5",
    "file_sha256": "2987d068fe88aff85781811a42f32d97feb4f092a399"
  },
  {
    "id": 27,
    "package_id": 4,
    "created_at": "2018-11-07T15:26:00.556Z",
    "file_name": "maven-metadata.xml",
    "size": 767,
    "file_md5": "6dfd0cce1203145a927fef5e3a1c650c",
    "file_sha1": "d25932de56052d320a8ac156f745ece73f6a8cd2",
    "file_sha256": "ac849d002e56052d320a8ac156f745ece73f6a8cd2f3e82"
  }
]"#;

/// en:252-298 = zh:238-284 but for the user's name.
#[track_caller]
fn check_package_files(files: &[PackageFile], user: &str) {
    assert_eq!(files.len(), 3);
    let expected = [
        (
            25,
            utc((2018, 11, 7), (15, 25, 52), 199),
            "my-app-1.5-20181107.152550-1.jar",
            2421,
            "58e6a45a629910c6ff99145a688971ac",
            "ebd193463d3915d7e22219f52740056dfd26cbfe",
            "a903393463d3915d7e22219f52740056dfd26cbfeff321b",
        ),
        (
            26,
            utc((2018, 11, 7), (15, 25, 56), 776),
            "my-app-1.5-20181107.152550-1.pom",
            1122,
            "d90f11d851e17c5513586b4a7e98f1b2",
            "9608d068fe88aff85781811a42f32d97feb440b5",
            "2987d068fe88aff85781811a42f32d97feb4f092a399",
        ),
        (
            27,
            utc((2018, 11, 7), (15, 26, 0), 556),
            "maven-metadata.xml",
            767,
            "6dfd0cce1203145a927fef5e3a1c650c",
            "d25932de56052d320a8ac156f745ece73f6a8cd2",
            "ac849d002e56052d320a8ac156f745ece73f6a8cd2f3e82",
        ),
    ];
    for (file, (id, created_at, name, size, md5, sha1, sha256)) in files.iter().zip(expected) {
        assert_eq!(file.id, id);
        assert_eq!(file.package_id, 4);
        assert_eq!(file.created_at, Some(created_at));
        assert_eq!(file.file_name, name);
        assert_eq!(file.size, size);
        assert_eq!(file.file_md5.as_deref(), Some(md5));
        assert_eq!(file.file_sha1.as_deref(), Some(sha1));
        assert_eq!(file.file_sha256.as_deref(), Some(sha256));
    }
    let pipelines = files[0].pipelines.as_ref().expect("pipelines of the jar");
    assert_eq!(pipelines.len(), 1);
    check_doc_pipeline(&pipelines[0], 123, 47, user);
    assert_eq!(files[1].pipelines, None);
    assert_eq!(files[2].pipelines, None);
}

#[test]
fn en_package_files_decode() {
    let files: Vec<PackageFile> = serde_json::from_str(EN_PACKAGE_FILES).expect("decodes");
    check_package_files(&files, "Administrator");
    assert_nothing_lost(
        serde_json::to_value(&files).expect("serialize"),
        EN_PACKAGE_FILES,
    );
}

#[test]
fn zh_package_files_decode() {
    let files: Vec<PackageFile> = serde_json::from_str(ZH_PACKAGE_FILES).expect("decodes");
    check_package_files(&files, "管理员");
    assert_nothing_lost(
        serde_json::to_value(&files).expect("serialize"),
        ZH_PACKAGE_FILES,
    );
}
