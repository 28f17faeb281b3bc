//! Downloads: checksums verified, `save_to` writing whole files only.

use super::*;

fn dir_entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn checksum_is_verified() {
    let with_sum = |body: &str| -> Action {
        format!(
            "HTTP/1.1 200 OK\r\nX-Checksum-SHA256: {}\r\n\r\n{body}",
            DATA_SHA256.to_uppercase()
        )
        .into()
    };
    let server = Server::start(vec![
        with_sum("data"),
        with_sum("tampered"),
        with_sum("data"),
        with_sum("tampered"),
    ]);
    let client = token_client(&server.base);
    let download = get(&client, "/ok").send_stream().await.unwrap();
    let mut out = Vec::new();
    assert_eq!(download.write_to(&mut out).await.unwrap(), 4);
    assert_eq!(out, b"data");

    let download = get(&client, "/bad").send_stream().await.unwrap();
    let mut out = Vec::new();
    match download.write_to(&mut out).await.unwrap_err() {
        Error::Checksum {
            expected,
            actual,
            path,
            ..
        } => {
            assert_eq!(expected, DATA_SHA256.to_uppercase());
            assert_eq!(
                actual,
                "d121be3103007b41edf96f8262925f8c7d61894afe9a041843b631f69445bc57"
            );
            assert_eq!(path, "/bad");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Bodies read in full are verified too (and a mismatch is not retried).
    assert_eq!(
        get(&client, "/ok").send_bytes().await.unwrap().as_ref(),
        b"data"
    );
    let err = get(&client, "/bad").send_bytes().await.unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    for _ in 0..4 {
        server.next();
    }
    server.nothing_more();
}

#[tokio::test]
async fn a_checksum_known_beforehand_replaces_the_announced_one() {
    let server = Server::start(vec![
        // No header: verified against the caller's checksum all the same.
        "HTTP/1.1 200 OK\r\n\r\ntampered".into(),
        "HTTP/1.1 200 OK\r\n\r\ndata".into(),
        // The caller's checksum wins over the header's.
        "HTTP/1.1 200 OK\r\nX-Checksum-SHA256: 00\r\n\r\ndata".into(),
    ]);
    let client = token_client(&server.base);
    let download = get(&client, "/a").send_stream().await.unwrap();
    assert_eq!(download.expected_checksum(), None);
    let download = download.verify_sha256(DATA_SHA256);
    assert_eq!(download.expected_checksum(), Some(DATA_SHA256));
    let err = download.bytes().await.unwrap_err();
    assert!(
        matches!(&err, Error::Checksum { expected, .. } if expected == DATA_SHA256),
        "{err:?}"
    );
    let download = get(&client, "/b").send_stream().await.unwrap();
    let body = download
        .verify_sha256(DATA_SHA256.to_uppercase())
        .bytes()
        .await;
    assert_eq!(body.unwrap().as_ref(), b"data");
    let download = get(&client, "/c").send_stream().await.unwrap();
    assert_eq!(download.expected_checksum(), Some("00"));
    let body = download.verify_sha256(DATA_SHA256).bytes().await;
    assert_eq!(body.unwrap().as_ref(), b"data");
    for _ in 0..3 {
        server.next();
    }
    server.nothing_more();
}

#[tokio::test]
async fn save_to_writes_whole_files_only() {
    let dir = temp_dir("save");
    let target = dir.join("pkg.tgz");
    let with_sum = |body: &str| -> Action {
        format!("HTTP/1.1 200 OK\r\nX-Checksum-SHA256: {DATA_SHA256}\r\n\r\n{body}").into()
    };
    let server = Server::start(vec![
        with_sum("data"),
        with_sum("tampered"),
        Action::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".to_vec()),
    ]);
    let client = token_client(&server.base);
    let written = get(&client, "/f")
        .send_stream()
        .await
        .unwrap()
        .save_to(&target)
        .await
        .unwrap();
    assert_eq!(written, 4);
    assert_eq!(std::fs::read(&target).unwrap(), b"data");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);

    // A checksum mismatch leaves the previous file as it was, and no partial file.
    let err = get(&client, "/f")
        .send_stream()
        .await
        .unwrap()
        .save_to(&target)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    assert_eq!(std::fs::read(&target).unwrap(), b"data");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);

    // So does a body cut short.
    let other = dir.join("other.bin");
    let err = get(&client, "/g")
        .send_stream()
        .await
        .unwrap()
        .save_to(&other)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(dir_entries(&dir), ["pkg.tgz"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A body of unknown or large length is hashed on a blocking thread: verified all the
/// same, a mismatch still ends the stream with `Error::Checksum`, and `save_to` leaves
/// no file.
#[tokio::test]
async fn large_bodies_are_verified_off_the_transfer_thread() {
    let big = "0123456789abcdef".repeat(512 * 1024); // 8 MiB
    let big_sha256 = "9343ca2c14fa88c511cc084fd569d5d444cdaae082bee8d0ed8efaf3a372b7b3";
    let raw = |sum: &str, body: &str| {
        Action::Raw(
            format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nX-Checksum-SHA256: {sum}\r\n\r\n{body}"
            )
            .into_bytes(),
        )
    };
    let server = Server::start(vec![
        raw(DATA_SHA256, "data"),
        raw(DATA_SHA256, "tampered"),
        Action::Reply(format!(
            "HTTP/1.1 200 OK\r\nX-Checksum-SHA256: {big_sha256}\r\n\r\n{big}"
        )),
        raw(big_sha256, &big.replacen('0', "1", 1)),
    ]);
    let client = token_client(&server.base);
    // No length: off the thread.
    let body = get(&client, "/a")
        .send_stream()
        .await
        .unwrap()
        .bytes()
        .await;
    assert_eq!(body.unwrap().as_ref(), b"data");
    let err = get(&client, "/b")
        .send_stream()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Checksum { .. }), "{err:?}");
    // 8 MiB announced: off the thread.
    let stream = get(&client, "/c").send_stream().await.unwrap();
    assert_eq!(stream.content_length(), Some(8 << 20));
    assert_eq!(stream.bytes().await.unwrap().len(), 8 << 20);
    let dir = temp_dir("large");
    let target = dir.join("big.bin");
    let err = get(&client, "/d")
        .send_stream()
        .await
        .unwrap()
        .save_to(&target)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Checksum { expected, .. } if expected == big_sha256),
        "{err:?}"
    );
    assert!(dir_entries(&dir).is_empty());
    for _ in 0..4 {
        server.next();
    }
}
