//! Rust emission of the named types: `src/types.rs`.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::emit::docs::doc_text;
use crate::emit::rust_names;
use crate::ir::{Api, BodyKind, Field, ResponseKind, TypeDef, TypeDefKind, TypeRef};

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

/// The features each type of `src/types.rs` is compiled with: the groups whose operations
/// name it (a parameter's enum or group, a body, an answer or what it `also_answers`), directly or through another
/// type's fields. A crate built with a few formats then compiles only their types. A type
/// no operation names (hand-written code may use it) is compiled always.
pub fn type_features(api: &Api) -> BTreeMap<String, BTreeSet<String>> {
    fn named<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
        match ty {
            TypeRef::Named(name) => out.push(name),
            TypeRef::List(inner) => named(inner, out),
            _ => {}
        }
    }
    let fields: BTreeMap<&str, Vec<&str>> = api
        .types
        .iter()
        .map(|t| {
            let mut refs = Vec::new();
            match &t.kind {
                TypeDefKind::Struct { fields, .. } => {
                    fields.iter().for_each(|f| named(&f.ty, &mut refs));
                }
                TypeDefKind::Map { value } => named(value, &mut refs),
                TypeDefKind::Enum { .. } => {}
            }
            (t.name.as_str(), refs)
        })
        .collect();
    let mut needs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &api.operations {
        let feature = rust_names::module_name(&op.group);
        let mut work = Vec::new();
        for p in &op.params {
            work.extend(p.enum_type.as_deref());
            work.extend(p.group.as_deref());
        }
        if let Some(body) = &op.body {
            if matches!(body.kind, BodyKind::Json | BodyKind::Form) {
                body.ty.iter().for_each(|ty| named(ty, &mut work));
            }
        }
        if op.response == ResponseKind::Json {
            op.response_type.iter().for_each(|ty| named(ty, &mut work));
            op.also_answer_types
                .iter()
                .for_each(|ty| named(ty, &mut work));
        }
        while let Some(name) = work.pop() {
            if needs
                .entry(name.to_owned())
                .or_default()
                .insert(feature.clone())
            {
                work.extend(fields.get(name).into_iter().flatten());
            }
        }
    }
    needs
}

/// The `#[cfg]` of an item needed by `features` (none when every group needs it).
fn cfg_tokens(features: Option<&BTreeSet<String>>, groups: usize) -> TokenStream {
    let Some(features) = features.filter(|f| !f.is_empty() && f.len() < groups) else {
        return quote! {};
    };
    let condition = if features.len() == 1 {
        let f = features.iter();
        quote! { #( feature = #f )* }
    } else {
        let f = features.iter();
        quote! { any( #( feature = #f ),* ) }
    };
    // docs.rs shows the condition by itself (`feature(doc_cfg)` in lib.rs).
    quote! { #[cfg(#condition)] }
}

/// `src/types.rs`: the API's types, each compiled with the features that need it
/// ([`type_features`]).
pub fn types_rs(api: &Api) -> TokenStream {
    let needs = type_features(api);
    let groups: BTreeSet<String> = api
        .operations
        .iter()
        .map(|op| rust_names::module_name(&op.group))
        .collect();
    let cfg = |name: &str| cfg_tokens(needs.get(name), groups.len());
    let references = api.param_groups.iter().map(|g| {
        let cfg = cfg(&g.name);
        crate::emit::references::group_tokens(g, &cfg)
    });
    let items = api.types.iter().map(|t| {
        let cfg = cfg(&t.name);
        match &t.kind {
            TypeDefKind::Struct {
                fields,
                request,
                rest,
            } => struct_tokens(t, fields, *request, *rest, &cfg),
            TypeDefKind::Enum { values } => enum_tokens(t, values, &cfg),
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
                    #cfg
                    pub type #name = std::collections::BTreeMap<String, #value>;
                }
            }
        }
    });
    quote! {
        //! The API's types: what JSON answers decode into and JSON or form bodies are made of.
        //!
        //! Fields GitLab may omit or send as `null` are `Option`s; fields this client does not
        //! know are ignored, and an enum keeps a value it does not know in its `Other` variant,
        //! so a newer GitLab does not break an older client. Each type is compiled with the
        //! formats (features) whose operations use it.

        #( #items )*

        #( #references )*
    }
}

fn struct_tokens(
    t: &TypeDef,
    fields: &[Field],
    request: bool,
    rest: bool,
    cfg: &TokenStream,
) -> TokenStream {
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
        quote! { #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)] }
    } else {
        quote! {
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[non_exhaustive]
        }
    };
    quote! {
        #tdoc
        #cfg
        #attrs
        pub struct #name {
            #( #fields, )*
            #rest
        }
    }
}

fn enum_tokens(t: &TypeDef, values: &[String], cfg: &TokenStream) -> TokenStream {
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
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #decls, )*
            /// A value this client does not know (a newer GitLab's).
            Other(String),
        }

        #cfg
        crate::runtime::string_enum!(#name { #( #pairs ),* });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Method, Operation, Param, ParamLocation, ParamType};
    use crate::path_template;

    fn op(group: &str, name: &str) -> Operation {
        Operation::<crate::ir::Unnamed>::new(
            name,
            Method::Get,
            "/x",
            path_template::parse("/x").unwrap(),
        )
        .into_named(name.into(), group.into(), Vec::new())
    }

    fn object(name: &str, fields: &[(&str, TypeRef)]) -> TypeDef {
        TypeDef {
            name: name.into(),
            source: name.into(),
            doc: None,
            kind: TypeDefKind::Struct {
                fields: fields
                    .iter()
                    .map(|(n, ty)| Field {
                        wire_name: (*n).into(),
                        ty: ty.clone(),
                        required: true,
                        doc: None,
                    })
                    .collect(),
                request: false,
                rest: false,
            },
        }
    }

    fn named(name: &str) -> TypeRef {
        TypeRef::Named(name.into())
    }

    /// A type is compiled with the groups that name it: through an answer, a list's items,
    /// a field of another type (transitively), a parameter's enum, or `also_answers`; one
    /// no operation names, or every group names, carries no `cfg`.
    #[test]
    fn types_follow_the_features_of_the_operations_that_use_them() {
        let mut api = Api {
            title: "Test".into(),
            description: None,
            base_url: None,
            base_url_template: None,
            auth: None,
            servers: Vec::new(),
            token_env: None,
            base_url_env: None,
            gitlab_ci: false,
            operations: Vec::new(),
            types: Vec::new(),
            group_titles: Default::default(),
            readme: Default::default(),
            examples: Default::default(),
            extensions: Vec::new(),
            param_groups: Vec::new(),
            source_file: "test.yaml".into(),
        };
        api.types = vec![
            object(
                "Package",
                &[("links", named("Links")), ("status", named("Status"))],
            ),
            object("Links", &[("web", TypeRef::String)]),
            object("File", &[]),
            object("Loose", &[]),
            TypeDef {
                name: "Status".into(),
                source: "Status".into(),
                doc: None,
                kind: TypeDefKind::Enum {
                    values: vec!["default".into()],
                },
            },
            object("Sort", &[]),
        ];
        let mut list = op("core", "list");
        list.response = ResponseKind::Json;
        list.response_type = Some(TypeRef::List(Box::new(named("Package"))));
        let mut upload = op("generic", "upload");
        upload.response = ResponseKind::Json;
        upload.also_answer_types = vec![named("File")];
        let mut search = op("npm", "search");
        let mut sort =
            Param::new("sort", ParamLocation::Query, ParamType::String).into_named("sort".into());
        sort.enum_type = Some("Sort".into());
        search.params = vec![sort.clone()];
        let mut other = op("core", "other");
        other.params = vec![sort];
        // An answer that is not JSON names no type.
        let mut bytes = op("npm", "bytes");
        bytes.response = ResponseKind::Bytes;
        bytes.response_type = Some(named("Loose"));
        api.operations = vec![list, upload, search, other, bytes];

        let needs = type_features(&api);
        let of = |name: &str| -> Vec<&str> {
            needs
                .get(name)
                .map(|f| f.iter().map(String::as_str).collect())
                .unwrap_or_default()
        };
        assert_eq!(of("Package"), ["core"]);
        assert_eq!(of("Links"), ["core"]);
        assert_eq!(of("Status"), ["core"]);
        assert_eq!(of("File"), ["generic"]);
        assert_eq!(of("Sort"), ["core", "npm"]);
        assert!(of("Loose").is_empty());

        let code = types_rs(&api).to_string();
        let cfg_of = |name: &str| {
            let at = code
                .find(&format!("pub struct {name} "))
                .or_else(|| code.find(&format!("pub enum {name} ")))
                .unwrap_or_else(|| panic!("{name} in {code}"));
            let before = &code[..at];
            let item = before.rfind("# [doc").unwrap();
            before[item..].to_owned()
        };
        assert!(cfg_of("Package").contains(r#"# [cfg (feature = "core")]"#));
        assert!(cfg_of("File").contains(r#"# [cfg (feature = "generic")]"#));
        assert!(
            cfg_of("Sort").contains(r#"# [cfg (any (feature = "core" , feature = "npm"))]"#),
            "{}",
            cfg_of("Sort")
        );
        assert!(!cfg_of("Loose").contains("cfg"), "{}", cfg_of("Loose"));
        // The enum's conversions go with it.
        assert!(
            code.contains(
                r#"# [cfg (feature = "core")] crate :: runtime :: string_enum ! (Status"#
            )
        );

        // Named by every group: compiled always.
        api.operations[2].params[0].enum_type = Some("Links".into());
        api.operations[1].params = api.operations[2].params.clone();
        let code = types_rs(&api).to_string();
        let at = code.find("pub struct Links ").unwrap();
        let item = code[..at].rfind("# [doc").unwrap();
        assert!(!code[item..at].contains("cfg"), "{}", &code[item..at]);
    }
}
