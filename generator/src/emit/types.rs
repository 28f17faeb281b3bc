//! Rust emission of the named types: `src/types.rs`.

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::docs::doc_text;
use crate::emit::rust_names;
use crate::ir::{Field, ParamGroup, TypeDef, TypeDefKind, TypeRef};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of a [`TypeRef`]; `prefix` qualifies named types (`crate::types::`).
pub fn type_tokens(ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote! { String },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Id => quote! { u64 },
        TypeRef::Number => quote! { f64 },
        TypeRef::Boolean => quote! { bool },
        TypeRef::DateTime => quote! { chrono::DateTime<chrono::Utc> },
        TypeRef::Json => quote! { serde_json::Value },
        TypeRef::Named(name) => {
            let n = ident(name);
            quote! { #prefix #n }
        }
        TypeRef::List(inner) => {
            let inner = type_tokens(inner, prefix);
            quote! { Vec<#inner> }
        }
    }
}

/// Whether any type uses timestamps (the crate then depends on chrono).
pub fn uses_date_time(types: &[TypeDef]) -> bool {
    fn has(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::DateTime => true,
            TypeRef::List(inner) => has(inner),
            _ => false,
        }
    }
    types.iter().any(|t| match &t.kind {
        TypeDefKind::Struct { fields, .. } => fields.iter().any(|f| has(&f.ty)),
        TypeDefKind::Map { value } => has(value),
        TypeDefKind::Enum { .. } => false,
    })
}

fn doc(text: Option<&str>, fallback: &str) -> TokenStream {
    let text = text
        .map(doc_text)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback.to_owned());
    let line = format!(" {text}");
    quote! { #[doc = #line] }
}

/// `src/types.rs`.
pub fn types_rs(types: &[TypeDef], groups: &[ParamGroup]) -> TokenStream {
    let has_enums = types
        .iter()
        .any(|t| matches!(t.kind, TypeDefKind::Enum { .. }));
    let imports = if types.is_empty() {
        quote! {}
    } else if has_enums {
        quote! {
            use std::fmt;

            use serde::{Deserialize, Deserializer, Serialize, Serializer};
        }
    } else {
        quote! { use serde::{Deserialize, Serialize}; }
    };
    let references = groups.iter().map(crate::emit::references::group_tokens);
    let items = types.iter().map(|t| match &t.kind {
        TypeDefKind::Struct {
            fields,
            request,
            rest,
        } => struct_tokens(t, fields, *request, *rest),
        TypeDefKind::Enum { values } => enum_tokens(t, values),
        TypeDefKind::Map { value } => {
            let name = ident(&t.name);
            let value = type_tokens(value, &quote! {});
            let d = doc(
                t.doc.as_deref(),
                &format!(
                    "An object whose keys are names (of files, tags, versions …): {}.",
                    if t.source.starts_with('`') {
                        t.source.clone()
                    } else {
                        format!("GitLab's `{}`", t.source)
                    }
                ),
            );
            quote! {
                #d
                pub type #name = std::collections::BTreeMap<String, #value>;
            }
        }
    });
    quote! {
        //! The API's types: what JSON answers decode into and JSON or form bodies are made of.
        //!
        //! Fields GitLab may omit or send as `null` are `Option`s; fields this client does not
        //! know are ignored, and an enum keeps a value it does not know in its `Other` variant,
        //! so a newer GitLab does not break an older client.

        #imports

        #( #items )*

        #( #references )*
    }
}

fn struct_tokens(t: &TypeDef, fields: &[Field], request: bool, rest: bool) -> TokenStream {
    let name = ident(&t.name);
    let fallback = if t.source.starts_with("API_Entities_") {
        format!("GitLab's `{}` entity.", t.source)
    } else if t.source == t.name {
        format!("The `{}` document.", t.source)
    } else if request {
        format!("A request body (GitLab's `{}`).", t.source)
    } else {
        format!("A nested object ({}).", t.source)
    };
    let tdoc = doc(t.doc.as_deref(), &fallback);
    let prefix = quote! {};
    let names = rust_names::field_names(fields.iter().map(|f| f.wire_name.as_str()));
    let rest = rest.then(|| {
        let rest_name = if names.iter().any(|n| n == "rest") {
            ident("rest_fields")
        } else {
            ident("rest")
        };
        quote! {
            /// The fields this type does not name, kept as they came (and sent back as
            /// they are): the format is open-ended.
            #[serde(flatten)]
            pub #rest_name: serde_json::Map<String, serde_json::Value>,
        }
    });
    let fields = fields.iter().zip(names).map(|(f, rust_name)| {
        let fname = ident(&rust_name);
        let ty = type_tokens(&f.ty, &prefix);
        let rename = (f.wire_name != rust_name).then(|| {
            let wire = &f.wire_name;
            quote! { #[serde(rename = #wire)] }
        });
        let fdoc = doc(f.doc.as_deref(), &format!("The `{}` field.", f.wire_name));
        if f.required {
            quote! { #fdoc #rename pub #fname: #ty }
        } else {
            quote! {
                #fdoc
                #rename
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub #fname: Option<#ty>
            }
        }
    });
    // Answers gain fields as GitLab evolves: users read them but do not build them.
    let attrs = if request {
        quote! { #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)] }
    } else {
        quote! {
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[non_exhaustive]
        }
    };
    quote! {
        #tdoc
        #attrs
        pub struct #name {
            #( #fields, )*
            #rest
        }
    }
}

fn enum_tokens(t: &TypeDef, values: &[String]) -> TokenStream {
    let name = ident(&t.name);
    let mut taken = std::collections::BTreeSet::new();
    let variants: Vec<(Ident, &String)> = values
        .iter()
        .map(|v| {
            let mut base = rust_names::ident(v).to_upper_camel_case();
            if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
                base.insert(0, 'V');
            }
            if base == "Other" || base == "Self" {
                base.push('_');
            }
            while !taken.insert(base.clone()) {
                base.push('_');
            }
            (ident(&base), v)
        })
        .collect();
    let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    let tdoc = format!(
        " One of {}, or a value this client does not know.",
        list.join(", ")
    );
    let decls = variants.iter().map(|(v, wire)| {
        let d = format!(" `{wire}`");
        quote! { #[doc = #d] #v }
    });
    let to_str = variants
        .iter()
        .map(|(v, wire)| quote! { #name::#v => #wire });
    let from_str = variants
        .iter()
        .map(|(v, wire)| quote! { #wire => #name::#v });
    quote! {
        #[doc = #tdoc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #decls, )*
            /// A value this client does not know (a newer GitLab's).
            Other(String),
        }

        impl #name {
            /// The value as GitLab writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #to_str, )*
                    #name::Other(other) => other,
                }
            }
        }

        impl fmt::Display for #name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #from_str, )*
                    other => #name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                #name::from(value.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(#name::from)
            }
        }
    }
}
