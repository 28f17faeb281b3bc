//! Conan v1 (instance and project level) and v2 (project level): the login that trades
//! HTTP Basic for a JWT, then `Authorization: Bearer` (FACTS, "Authentication"); recipe and
//! package references in paths; raw file uploads.
//!
//! Instance-level recipes name the project as `user` with `+` for `/`: a one-segment value,
//! so `+` is sent `%2B` (Grape decodes it back to `+`, FACTS).
//!
//! Modules: [`flows`], the v1 and v2 logins and the calls that follow them; [`v1`] and
//! [`v2`], the rows of [`operations`]; [`references`], Conan's references as typed values.
//! The reference parts the rows share are here.

/// A conan package reference (package id).
macro_rules! pref {
    () => {
        "227220812d7ea3aa060187bae41abbc9911dfdfd"
    };
}

/// A conan v2 recipe revision.
macro_rules! rrev {
    () => {
        "75151329520e7685dcf5da49ded2fec0"
    };
}

/// A conan v2 package revision.
macro_rules! prev {
    () => {
        "0ba8627bd47edc3a501e8f0eb9a79e5e"
    };
}

mod flows;
mod references;
mod v1;
mod v2;

use crate::table::Case;

/// One row per operation, for [`crate::all_operations`].
pub(crate) fn operations() -> Vec<Case> {
    [v1::operations(), v2::operations()]
        .into_iter()
        .flatten()
        .collect()
}
