//! The package pipelines (en:318-359 / zh:303-344), decoded and through the client.

use futures_util::StreamExt;
use tests::server::Reply;

use super::*;
use crate::support::client;

/// en:318-359, "List package pipelines".
const EN_PACKAGE_PIPELINES: &str = r#"[
  {
    "id": 1,
    "iid": 1,
    "project_id": 9,
    "sha": "2b6127f6bb6f475c4e81afcc2251e3f941e554f9",
    "ref": "mytag",
    "status": "failed",
    "source": "push",
    "created_at": "2023-02-01T12:19:21.895Z",
    "updated_at": "2023-02-01T14:00:05.922Z",
    "web_url": "http://gdk.test:3001/feature-testing/composer-repository/-/pipelines/1",
    "user": {
      "id": 1,
      "username": "root",
      "name": "Administrator",
      "state": "active",
      "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80\u0026d=identicon",
      "web_url": "http://gdk.test:3001/root"
    }
  },
  {
    "id": 2,
    "iid": 2,
    "project_id": 9,
    "sha": "e564015ac6cb3d8617647802c875b27d392f72a6",
    "ref": "master",
    "status": "canceled",
    "source": "push",
    "created_at": "2023-02-01T12:23:23.694Z",
    "updated_at": "2023-02-01T12:26:28.635Z",
    "web_url": "http://gdk.test:3001/feature-testing/composer-repository/-/pipelines/2",
    "user": {
      "id": 1,
      "username": "root",
      "name": "Administrator",
      "state": "active",
      "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80\u0026d=identicon",
      "web_url": "http://gdk.test:3001/root"
    }
  }
]"#;

/// zh:303-344, the same pipelines; the second one's ref is `main`.
const ZH_PACKAGE_PIPELINES: &str = r#"[
  {
    "id": 1,
    "iid": 1,
    "project_id": 9,
    "sha": "2b6127f6bb6f475c4e81afcc2251e3f941e554f9",
    "ref": "mytag",
    "status": "failed",
    "source": "push",
    "created_at": "2023-02-01T12:19:21.895Z",
    "updated_at": "2023-02-01T14:00:05.922Z",
    "web_url": "http://gdk.test:3001/feature-testing/composer-repository/-/pipelines/1",
    "user": {
      "id": 1,
      "username": "root",
      "name": "管理员",
      "state": "active",
      "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80\u0026d=identicon",
      "web_url": "http://gdk.test:3001/root"
    }
  },
  {
    "id": 2,
    "iid": 2,
    "project_id": 9,
    "sha": "e564015ac6cb3d8617647802c875b27d392f72a6",
    "ref": "main",
    "status": "canceled",
    "source": "push",
    "created_at": "2023-02-01T12:23:23.694Z",
    "updated_at": "2023-02-01T12:26:28.635Z",
    "web_url": "http://gdk.test:3001/feature-testing/composer-repository/-/pipelines/2",
    "user": {
      "id": 1,
      "username": "root",
      "name": "管理员",
      "state": "active",
      "avatar_url": "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80\u0026d=identicon",
      "web_url": "http://gdk.test:3001/root"
    }
  }
]"#;

/// en:318-359 = zh:303-344 but for the user's name and the second ref.
#[track_caller]
fn check_package_pipelines(pipelines: &[PackagePipeline], user: &str, second_ref: &str) {
    assert_eq!(pipelines.len(), 2);
    let expected = [
        (
            1,
            "2b6127f6bb6f475c4e81afcc2251e3f941e554f9",
            "mytag",
            "failed",
            utc((2023, 2, 1), (12, 19, 21), 895),
            utc((2023, 2, 1), (14, 0, 5), 922),
        ),
        (
            2,
            "e564015ac6cb3d8617647802c875b27d392f72a6",
            second_ref,
            "canceled",
            utc((2023, 2, 1), (12, 23, 23), 694),
            utc((2023, 2, 1), (12, 26, 28), 635),
        ),
    ];
    for (pipeline, (id, sha, r#ref, status, created_at, updated_at)) in
        pipelines.iter().zip(expected)
    {
        assert_eq!(pipeline.id, id);
        assert_eq!(pipeline.iid, Some(id as i64));
        assert_eq!(pipeline.project_id, Some(9));
        assert_eq!(pipeline.sha, sha);
        assert_eq!(pipeline.ref_, r#ref);
        assert_eq!(pipeline.status, status);
        assert_eq!(pipeline.source.as_deref(), Some("push"));
        assert_eq!(pipeline.created_at, created_at);
        assert_eq!(pipeline.updated_at, updated_at);
        assert_eq!(
            pipeline.web_url,
            format!("http://gdk.test:3001/feature-testing/composer-repository/-/pipelines/{id}")
        );
        let user_basic = pipeline.user.as_ref().expect("user");
        assert_eq!(user_basic.id, Some(1));
        assert_eq!(user_basic.username.as_deref(), Some("root"));
        assert_eq!(user_basic.name, user);
        assert_eq!(user_basic.state.as_deref(), Some("active"));
        // `\u0026` in the example is `&`.
        assert_eq!(
            user_basic.avatar_url.as_deref(),
            Some(
                "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon"
            )
        );
        assert_eq!(
            user_basic.web_url.as_deref(),
            Some("http://gdk.test:3001/root")
        );
    }
}

#[test]
fn en_package_pipelines_decode() {
    let pipelines: Vec<PackagePipeline> =
        serde_json::from_str(EN_PACKAGE_PIPELINES).expect("decodes");
    check_package_pipelines(&pipelines, "Administrator", "master");
    assert_nothing_lost(
        serde_json::to_value(&pipelines).expect("serialize"),
        EN_PACKAGE_PIPELINES,
    );
}

#[test]
fn zh_package_pipelines_decode() {
    let pipelines: Vec<PackagePipeline> =
        serde_json::from_str(ZH_PACKAGE_PIPELINES).expect("decodes");
    check_package_pipelines(&pipelines, "管理员", "main");
    assert_nothing_lost(
        serde_json::to_value(&pipelines).expect("serialize"),
        ZH_PACKAGE_PIPELINES,
    );
}

/// en:314 `GET /api/v4/projects/:id/packages/:package_id/pipelines`, answered with
/// en:318-359: the items of the list are `PackagePipeline`s.
#[tokio::test]
async fn list_project_package_pipelines_yields_package_pipelines() {
    let server = Server::start();
    server.enqueue([Reply::json(EN_PACKAGE_PIPELINES)]);
    let items = client(&server)
        .list_project_package_pipelines(9, 4)
        .into_items();
    let pipelines: Vec<PackagePipeline> = items
        .map(|item| item.expect("a decoded pipeline"))
        .collect()
        .await;
    check_package_pipelines(&pipelines, "Administrator", "master");
    let request = only_request(&server);
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/api/v4/projects/9/packages/4/pipelines");
}
