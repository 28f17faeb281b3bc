//! The [`string_enum!`] macro: what every generated string enum shares, written once.
//!
//! A generated enum (an `order_by` filter, a package's type or status …) has one variant
//! per value the spec lists and `Other(String)` for a value it does not (a newer GitLab's),
//! so that decoding never fails on it. `string_enum!` gives it `as_str`, `Display`,
//! `From<&str>`, `From<String>`, `Serialize` and `Deserialize`, all through the value as
//! GitLab writes it.

/// Gives a generated string enum its conversions: `string_enum!(Name { Variant = "value",
/// … })`, where `Name` has those unit variants and `Other(String)`.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as GitLab writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(other) => other,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                $name::from(value.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map($name::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// A value it knows and one it does not.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Order {
        CreatedAt,
        Other(String),
    }

    crate::string_enum!(Order { CreatedAt = "created_at" });

    #[test]
    fn known_and_unknown_values_convert_both_ways() {
        assert_eq!(Order::from("created_at"), Order::CreatedAt);
        assert_eq!(Order::from("name".to_owned()), Order::Other("name".into()));
        assert_eq!(Order::CreatedAt.to_string(), "created_at");
        assert_eq!(Order::Other("name".into()).as_str(), "name");
        let decoded: Order = serde_json::from_str(r#""created_at""#).unwrap();
        assert_eq!(decoded, Order::CreatedAt);
        assert_eq!(
            serde_json::to_string(&Order::Other("x".into())).unwrap(),
            r#""x""#
        );
    }
}
