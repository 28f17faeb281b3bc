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
    let has_structs = types
        .iter()
        .any(|t| matches!(t.kind, TypeDefKind::Struct { .. }));
    let imports = if has_structs {
        quote! { use serde::{Deserialize, Serialize}; }
    } else {
        quote! {}
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
                    } else if t.source == t.name {
                        format!("the `{}` document", t.source)
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
            /// The fields this type does not name, kept and sent back as they came.
            #[serde(flatten)]
            pub #rest_name: serde_json::Map<String, serde_json::Value>,
        }
    });
    let fields = fields.iter().zip(names).map(|(f, rust_name)| {
        let fname = ident(&rust_name);
        let ty = type_tokens(&f.ty, &prefix);
        let wire = &f.wire_name;
        let renamed = f.wire_name != rust_name;
        let fdoc = doc(f.doc.as_deref(), &format!("The `{}` field.", f.wire_name));
        match (f.required, renamed) {
            (true, false) => quote! { #fdoc pub #fname: #ty },
            (true, true) => quote! { #fdoc #[serde(rename = #wire)] pub #fname: #ty },
            (false, false) => quote! {
                #fdoc
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub #fname: Option<#ty>
            },
            (false, true) => quote! {
                #fdoc
                #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")]
                pub #fname: Option<#ty>
            },
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
    let pairs = variants.iter().map(|(v, wire)| quote! { #v = #wire });
    // `as_str`, `Display`, the conversions from strings and serde: the runtime's, once.
    quote! {
        #[doc = #tdoc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #decls, )*
            /// A value this client does not know (a newer GitLab's).
            Other(String),
        }

        crate::runtime::string_enum!(#name { #( #pairs ),* });
    }
}
