//! The types of parameter groups (the overlay's `param_groups`): a value written as one
//! string that stands for several path variables, such as a Conan recipe reference.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::docs::doc_text;
use crate::emit::rust::{doc_lines, ident};
use crate::emit::rust_names;
use crate::ir::ParamGroup;

/// The type of `group`: a public field per part, `new`, `Display` and `FromStr` in its
/// form, and the (hidden) way an operation sets the path variables it stands for.
/// `cfg` (the features that need it) goes on each of its items.
pub fn group_tokens(group: &ParamGroup, cfg: &TokenStream) -> TokenStream {
    let name = ident(&group.name);
    let form = group.form();
    let what = &group.what;
    let fields: Vec<_> = group
        .fields
        .iter()
        .map(|f| ident(&rust_names::ident(&f.name)))
        .collect();
    let docs = doc_lines(&format!(
        "A {} written `{form}`: parse one with `str::parse`, build one with [`new`]({}::new), print it with `Display`.",
        doc_text(what),
        group.name
    ));
    let field_docs = group.fields.iter().map(|f| {
        let mut d = f
            .description
            .as_deref()
            .map(doc_text)
            .unwrap_or_else(|| format!("The `{}` part", f.name));
        if d.ends_with('.') {
            d.pop();
        }
        doc_lines(&format!("{d} (the path variable `{}`).", f.param))
    });
    let wires = group.fields.iter().map(|f| &f.param);
    let format = group.format();
    let count = Literal::usize_unsuffixed(group.fields.len());
    let allow = (group.fields.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let new_doc = doc_lines(&format!("A {} from its parts.", doc_text(what)));
    quote! {
        #docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct #name {
            #( #field_docs pub #fields: String, )*
        }

        #cfg
        impl #name {
            #new_doc
            #allow
            pub fn new(#( #fields: impl Into<String> ),*) -> Self {
                #name { #( #fields: #fields.into() ),* }
            }

            /// Sets the path variables this value stands for.
            #[doc(hidden)]
            pub fn set_path_values(&self, request: &mut crate::runtime::RequestBuilder) {
                #( request.path_value(#wires, &self.#fields); )*
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::runtime::reference::write(f, #format, &[ #( self.#fields.as_str() ),* ])
            }
        }

        #cfg
        impl std::str::FromStr for #name {
            type Err = crate::runtime::reference::ParseError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let [ #( #fields ),* ] = crate::runtime::reference::split::<#count>(text, #format, #what, #form)?;
                Ok(#name::new( #( #fields ),* ))
            }
        }

        #cfg
        impl From<&#name> for #name {
            fn from(value: &#name) -> Self {
                value.clone()
            }
        }
    }
}
