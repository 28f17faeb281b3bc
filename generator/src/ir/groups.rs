//! Parameter groups: path variables passed as one value (the overlay's `param_groups`).

/// Path parameters that belong together, passed as one value written in one string: a
/// Conan recipe reference `name/version@user/channel` stands for four path variables.
/// An operation that has every one of them, required, takes the group instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamGroup {
    /// The type's name, UpperCamelCase (`ConanRecipe`).
    pub name: String,
    /// What it is, for docs and errors (`Conan recipe reference`).
    pub what: String,
    /// The argument's name where an operation takes it, snake_case (`recipe`).
    pub argument: String,
    /// Its parts, in the order they are written.
    pub fields: Vec<GroupField>,
    /// The text around the parts: one more than there are fields (`""`, `"/"`, `"@"`,
    /// `"/"`, `""` for `{name}/{version}@{user}/{channel}`).
    pub separators: Vec<String>,
}

impl ParamGroup {
    /// The written form with `{}` for each part (`{}/{}@{}/{}`).
    pub fn format(&self) -> String {
        self.separators.join("{}")
    }

    /// The written form with the parts' names (`name/version@user/channel`).
    pub fn form(&self) -> String {
        let mut out = String::new();
        for (i, separator) in self.separators.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.fields[i - 1].name);
            }
            out.push_str(separator);
        }
        out
    }
}

/// A part of a [`ParamGroup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupField {
    /// Its name, snake_case (`version`).
    pub name: String,
    /// The path variable it fills (`package_version`).
    pub param: String,
    /// Its description (from the first operation that has the variable).
    pub description: Option<String>,
}
