//! Tracing: the `gitlab.request` span has the template, attempts and status, no secret.

use super::*;

mod recorder {
    use std::fmt::{Debug, Write};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    /// Records every span and event, with its fields, as a line of text.
    #[derive(Clone, Default)]
    pub(super) struct Recorder {
        pub(super) lines: Arc<Mutex<Vec<String>>>,
        next_id: Arc<AtomicU64>,
    }

    struct Fields<'a>(&'a mut String);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    impl Recorder {
        fn push(&self, line: String) {
            self.lines.lock().unwrap().push(line);
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut line = format!("span {}:", span.metadata().name());
            span.record(&mut Fields(&mut line));
            self.push(line);
            Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
        }
        fn record(&self, _: &Id, values: &Record<'_>) {
            let mut line = "record:".to_owned();
            values.record(&mut Fields(&mut line));
            self.push(line);
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut line = format!("event {}:", event.metadata().level());
            event.record(&mut Fields(&mut line));
            self.push(line);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }
}

#[tokio::test]
async fn traces_carry_the_template_and_no_secret() {
    let server = Server::start(vec![unavailable(), ok("[]")]);
    let recorder = recorder::Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let client = builder(&server.base)
        .auth(Auth::private_token("glpat-SECRET"))
        .build()
        .unwrap();
    // Another test's thread may have met the span's callsite first, with no subscriber
    // yet, and cached "never" over the interest `set_default` gave it (a race in
    // tracing-core): have it asked again.
    tracing::callsite::rebuild_interest_cache();
    let mut r = client.request(
        Method::GET,
        "list_project_packages",
        "/api/v4/projects/{id}/packages",
    );
    r.path_literal("/api/v4/projects/")
        .path_param("id", &"group/secret-project")
        .path_literal("/packages")
        .query("package_name", &"QUERYVALUE");
    r.send_json().await.unwrap();
    let lines = recorder.lines.lock().unwrap().join("\n");
    assert!(
        lines.contains(r#"span gitlab.request: operation="list_project_packages" method=GET path="/api/v4/projects/{id}/packages""#),
        "{lines}"
    );
    assert!(lines.contains("record: attempt=1"), "{lines}");
    assert!(lines.contains("record: status=503"), "{lines}");
    assert!(
        lines.contains(r#"reason=503 Service Unavailable"#),
        "{lines}"
    );
    assert!(lines.contains("retrying"), "{lines}");
    assert!(lines.contains("record: attempt=2"), "{lines}");
    assert!(lines.contains("record: status=200"), "{lines}");
    for secret in ["SECRET", "QUERYVALUE", "secret-project", "try later"] {
        assert!(!lines.contains(secret), "{secret} in {lines}");
    }
}
