//! When and how long to wait before sending a request again.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How failed requests are retried.
///
/// A request is sent again after `429 Too Many Requests` or a connection failure (any
/// method), and after `500`, `502`, `503`, `504`, a connection lost mid-request or a
/// truncated response (idempotent methods only: `GET`, `HEAD`, `PUT`, `DELETE`); see
/// [`Error::is_retryable`](crate::Error::is_retryable). Timeouts other than the connect
/// timeout are not retried. A request whose body is a one-shot stream
/// ([`Body::from_stream`](crate::Body::from_stream)) is never retried.
///
/// The wait before retry *n* (1, 2, …) is `initial_backoff × 2ⁿ⁻¹`, at most
/// `max_backoff`, with random jitter (between half and all of it). When the server says
/// how long to wait, with `Retry-After` (seconds or an HTTP date) or `RateLimit-Reset`
/// (Unix time in seconds), that wait is used instead. No retry starts when its wait would
/// end more than `max_elapsed` after the first attempt started; the last error is
/// returned then.
///
/// The default: 4 attempts in all, 0.5 s initial backoff, 30 s maximum backoff, 2 min in
/// all.
///
/// ```
/// use std::time::Duration;
/// use gitlab_api_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(8)
///     .max_elapsed(Duration::from_secs(600));
/// assert_eq!(patient.attempts(), 8);
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// Attempts in all, the first included (0 counts as 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; it doubles for each further one.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest computed wait between two attempts (a server's `Retry-After` may be
    /// longer).
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The time after which no retry starts, counted from the first attempt.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// The number of attempts in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retrying after failed attempt number `attempt` (1-based), or
    /// `None` when no retry is allowed any more. `hint` is the server's wait, if any;
    /// `elapsed` the time since the first attempt started.
    pub(crate) fn delay(
        &self,
        attempt: u32,
        hint: Option<Duration>,
        elapsed: Duration,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let delay = hint.unwrap_or_else(|| {
            let factor = 1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX);
            let base = self
                .initial_backoff
                .checked_mul(factor)
                .unwrap_or(Duration::MAX)
                .min(self.max_backoff);
            base.mul_f64(0.5 + fastrand::f64() / 2.0)
        });
        (elapsed.saturating_add(delay) <= self.max_elapsed).then_some(delay)
    }
}

/// The wait the server asks for: `Retry-After` (delay in seconds or HTTP date), else
/// `RateLimit-Reset` (Unix time in seconds). Times in the past give zero.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name| headers.get(name)?.to_str().ok().map(str::trim);
    if let Some(value) = text(RETRY_AFTER.as_str()) {
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        if let Ok(at) = httpdate::parse_http_date(value) {
            return Some(at.duration_since(now).unwrap_or_default());
        }
    }
    let reset = text("ratelimit-reset")?.parse::<u64>().ok()?;
    let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(reset))?;
    Some(at.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(n, v)| {
                (
                    reqwest::header::HeaderName::from_static(n),
                    v.parse().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn server_delays() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let delay = |pairs: &[(&'static str, &str)]| server_delay(&headers(pairs), now);
        assert_eq!(delay(&[("retry-after", "7")]), Some(Duration::from_secs(7)));
        assert_eq!(delay(&[("retry-after", " 0 ")]), Some(Duration::ZERO));
        // 1_700_000_000 is Tue, 14 Nov 2023 22:13:20 GMT.
        assert_eq!(
            delay(&[("retry-after", "Tue, 14 Nov 2023 22:13:50 GMT")]),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            delay(&[("retry-after", "Tue, 14 Nov 2023 22:00:00 GMT")]),
            Some(Duration::ZERO)
        );
        assert_eq!(
            delay(&[("ratelimit-reset", "1700000042")]),
            Some(Duration::from_secs(42))
        );
        assert_eq!(
            delay(&[("retry-after", "5"), ("ratelimit-reset", "1700000042")]),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            delay(&[("retry-after", "soon"), ("ratelimit-reset", "1700000001")]),
            Some(Duration::from_secs(1))
        );
        assert_eq!(delay(&[("ratelimit-reset", "1")]), Some(Duration::ZERO));
        assert_eq!(delay(&[("retry-after", "soon")]), None);
        assert_eq!(delay(&[]), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_bounded() {
        let policy = RetryPolicy::default()
            .max_attempts(10)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350))
            .max_elapsed(Duration::from_secs(60));
        for _ in 0..50 {
            let d1 = policy.delay(1, None, Duration::ZERO).unwrap();
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
            let d2 = policy.delay(2, None, Duration::ZERO).unwrap();
            assert!(d2 >= Duration::from_millis(100) && d2 <= Duration::from_millis(200));
            let d5 = policy.delay(5, None, Duration::ZERO).unwrap();
            assert!(d5 >= Duration::from_millis(175) && d5 <= Duration::from_millis(350));
        }
        let many = policy.clone().max_attempts(100);
        let d40 = many.delay(40, None, Duration::ZERO).unwrap();
        assert!(d40 >= Duration::from_millis(175) && d40 <= Duration::from_millis(350));
        assert_eq!(policy.delay(10, None, Duration::ZERO), None, "attempts");
        let hint = Some(Duration::from_secs(5));
        assert_eq!(
            policy.delay(1, hint, Duration::ZERO),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            policy.delay(1, hint, Duration::from_secs(56)),
            None,
            "budget"
        );
        assert_eq!(
            policy.delay(1, Some(Duration::MAX), Duration::from_secs(1)),
            None
        );
    }

    #[test]
    fn none_and_defaults() {
        assert_eq!(RetryPolicy::none().delay(1, None, Duration::ZERO), None);
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        let policy = RetryPolicy::default();
        assert_eq!(policy.attempts(), 4);
        assert!(policy.delay(3, None, Duration::ZERO).is_some());
        assert_eq!(policy.delay(4, None, Duration::ZERO), None);
    }
}
