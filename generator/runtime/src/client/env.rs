//! Configuration from the environment: the API's token, server root, and its servers'
//! credentials ([`ClientBuilder::env`]).

use std::env::VarError;

#[cfg(doc)]
use super::{Api, AuthScheme};
use super::{ClientBuilder, MakeAuth, MakeRoot};
use crate::auth::Auth;

impl<C> ClientBuilder<C> {
    /// Reads the API's environment variables; for each setting the first one set and not
    /// empty wins:
    ///
    /// - credentials: those of the spec's [`AuthScheme`] when it declares one (see
    ///   [`auth_scheme`](Self::auth_scheme)), else [`Api::token_env`] (sent as
    ///   `PRIVATE-TOKEN`), then, with
    ///   [`Api::gitlab_ci`], `GITLAB_TOKEN` (`PRIVATE-TOKEN`) and `CI_JOB_TOKEN`
    ///   (`JOB-TOKEN`: a CI job's own token);
    /// - server root: [`Api::base_url_env`], then, with [`Api::gitlab_ci`],
    ///   `CI_API_V4_URL` (without its `/api/v4`) and `CI_SERVER_URL`; else the API's
    ///   default.
    ///
    /// So inside a GitLab CI job the job's token and server are used unless a token or
    /// server is configured explicitly. Each of the API's other [`servers`](Self::servers)
    /// takes its credentials from the variables of its own scheme. A variable that is not valid Unicode makes
    /// [`build`](Self::build) fail, naming the variable, never its value.
    pub fn env(self) -> Self {
        // Read by the runtime's own code, compiled once here, not in each generated crate.
        self.retype::<super::Client>()
            .env_from(|name| std::env::var(name))
            .retype()
    }

    pub(crate) fn env_from(
        mut self,
        var: impl Fn(&str) -> std::result::Result<String, VarError>,
    ) -> Self {
        // The first variable set (and not empty) of each list wins.
        let mut read = |name: &'static str| match var(name) {
            Ok(value) if value.is_empty() => None,
            Ok(value) => Some(value),
            Err(VarError::NotPresent) => None,
            Err(VarError::NotUnicode(_)) => {
                self.deferred
                    .get_or_insert((name.to_owned(), "is not valid Unicode".to_owned()));
                None
            }
        };
        let ci = self.api.gitlab_ci;
        let spec_auth = self.scheme.and_then(|scheme| scheme.read_env(&mut read));
        let tokens: [(Option<&'static str>, MakeAuth); 3] = [
            (
                self.api.token_env.filter(|_| self.scheme.is_none()),
                Auth::private_token,
            ),
            (ci.then_some("GITLAB_TOKEN"), Auth::private_token),
            (ci.then_some("CI_JOB_TOKEN"), Auth::job_token),
        ];
        let auth = spec_auth.or_else(|| {
            tokens
                .into_iter()
                .find_map(|(name, auth)| name.and_then(&mut read).map(auth))
        });
        for server in &mut self.servers {
            if let Some(auth) = server
                .spec
                .auth
                .and_then(|scheme| scheme.read_env(&mut read))
            {
                server.auth = Some(auth);
            }
        }
        let roots: [(Option<&'static str>, MakeRoot); 3] = [
            (self.api.base_url_env, |v| v),
            // The operations' paths carry `/api/v4` themselves.
            (ci.then_some("CI_API_V4_URL"), |v| {
                let v = v.trim_end_matches('/');
                v.strip_suffix("/api/v4").unwrap_or(v).to_owned()
            }),
            (ci.then_some("CI_SERVER_URL"), |v| v),
        ];
        let root = roots
            .into_iter()
            .find_map(|(name, root)| name.and_then(&mut read).map(root));
        if let Some(auth) = auth {
            self.auth = auth;
        }
        if let Some(root) = root {
            self.base_url = Some(root);
        }
        self
    }
}
