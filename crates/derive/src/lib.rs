//! `#[content_type]`: each of Tribuna's content types is described once, as a
//! plain Rust struct or enum, and everything that reads or writes it is
//! generated from that one description:
//!
//! - serde's `Serialize`/`Deserialize` derives with the matching attributes
//!   (used by the native tools, and by schemars for `public/schema/`, under the
//!   `schema` feature of `tribuna-core`);
//! - `impl crate::decode::Decode`, the small hand-style reader the app's wasm
//!   uses (serde's derived visitors would cost it 22 KB), with the field path of
//!   every error;
//! - under `cfg(test)`, `impl crate::decode::sample::Sample`: random valid
//!   values for the property tests that keep both readers in step.
//!
//! The generated code names `crate::decode`, `serde`, `schemars` and `proptest`
//! as `tribuna-core` has them: the attribute is that crate's, not a general one.
//!
//! # The field list
//!
//! A field's JSON key is its name. What happens when the key is missing is said
//! by its type and at most one attribute:
//!
//! | written | missing key | `null` | written out |
//! |---|---|---|---|
//! | `pub a: T` | error `missing field` | error | always |
//! | `pub a: Option<T>` | `None` | `None` | only when `Some` |
//! | `#[default] pub a: T` | `T::default()` | error | always |
//! | `#[default(expr)] pub a: T` | `expr` | error | always |
//!
//! On the item:
//! - `#[content_type]` on a struct: an object with those fields (unknown keys
//!   are ignored);
//! - `#[content_type(default)]` on a struct: every field may be left out; a
//!   field without `#[default(expr)]` takes its type's default. `Default` is
//!   implemented from those values (do not derive it);
//! - `#[content_type]` on an enum of unit variants: a string, the variant's
//!   name in `snake_case`;
//! - `#[content_type]` on an enum of one-value and struct variants: an object
//!   with a single key, the variant's name (`{"em": "text"}`, `{"link": {…}}`);
//! - `#[content_type(tag = "type")]` on an enum of struct (or unit) variants: an
//!   object whose `type` names the variant, beside that variant's fields.
//!
//! Doc comments and other attributes (`#[derive(Debug, …)]`) are kept as written.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{
    parse_macro_input, parse_quote, Attribute, Data, DeriveInput, Error, Field, Fields, Ident, LitStr, Meta, Type,
};

/// Generates the serde derives and attributes, the `Decode` impl and (in tests)
/// the `Sample` impl of a content type from its field list (see the crate doc).
#[proc_macro_attribute]
pub fn content_type(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut options = Options::default();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("default") {
            options.default = true;
            Ok(())
        } else if meta.path.is_ident("tag") {
            options.tag = Some(meta.value()?.parse::<LitStr>()?);
            Ok(())
        } else {
            Err(meta.error("expected `default` or `tag = \"…\"`"))
        }
    });
    parse_macro_input!(args with parser);
    let input = parse_macro_input!(item as DeriveInput);
    expand(&options, input).unwrap_or_else(Error::into_compile_error).into()
}

/// What `#[content_type(…)]` says about the whole item.
#[derive(Default)]
struct Options {
    /// `default`: every field of the struct may be left out.
    default: bool,
    /// `tag = "type"`: the enum is an object whose `type` names the variant.
    tag: Option<LitStr>,
}

/// What happens when a field's key is missing.
enum Rule {
    /// An error.
    Required,
    /// `None` (the field is an `Option`).
    Optional,
    /// The type's default.
    Default,
    /// This value.
    Value(Tokens),
}

/// One field of the list, its `#[default…]` attribute taken off.
struct Spec {
    ident: Ident,
    key: String,
    ty: Type,
    rule: Rule,
}

impl Spec {
    /// Reads a field's rule and removes the attribute that gave it.
    fn take(field: &mut Field, container_default: bool) -> syn::Result<Spec> {
        let ident = field.ident.clone().ok_or_else(|| Error::new_spanned(&*field, "fields must be named"))?;
        let mut rule = if is_option(&field.ty) { Rule::Optional } else { Rule::Required };
        let mut error = None;
        field.attrs.retain(|attr| {
            if !attr.path().is_ident("default") {
                return true;
            }
            match (&attr.meta, &rule) {
                (_, Rule::Optional) => {
                    error = Some(Error::new_spanned(attr, "an `Option` field is optional already: drop `#[default]`"))
                }
                (Meta::Path(_), _) => rule = Rule::Default,
                (Meta::List(list), _) => rule = Rule::Value(list.tokens.clone()),
                (Meta::NameValue(_), _) => error = Some(Error::new_spanned(attr, "write `#[default(value)]`")),
            }
            false
        });
        if let Some(error) = error {
            return Err(error);
        }
        if container_default && matches!(rule, Rule::Required) {
            rule = Rule::Default;
        }
        Ok(Spec { key: ident.unraw().to_string(), ident, ty: field.ty.clone(), rule })
    }

    /// The serde attribute for this field (`default_fn` names the function that
    /// gives a `#[default(value)]`).
    fn serde_attr(&self, container_default: bool, default_fn: &str) -> Option<Attribute> {
        Some(match (&self.rule, container_default) {
            (Rule::Required, _) | (Rule::Default | Rule::Value(_), true) => return None,
            (Rule::Optional, true) => parse_quote!(#[serde(skip_serializing_if = "Option::is_none")]),
            (Rule::Optional, false) => parse_quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
            (Rule::Default, false) => parse_quote!(#[serde(default)]),
            (Rule::Value(_), false) => parse_quote!(#[serde(default = #default_fn)]),
        })
    }
}

/// Whether `ty` is written `Option<…>`.
fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// `AuthorKind` → `author_kind`, as serde's `rename_all = "snake_case"` does.
fn snake_case(ident: &Ident) -> String {
    let mut out = String::new();
    for (i, c) in ident.unraw().to_string().chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The fields of a struct or of a struct variant, read and with their serde
/// attributes added; and the functions giving their `#[default(value)]`s.
struct FieldList {
    specs: Vec<Spec>,
    default_fns: Vec<Tokens>,
}

impl FieldList {
    /// Reads `fields` (named ones) and rewrites their attributes; `prefix`
    /// keeps the default functions of different variants apart.
    fn take(fields: &mut Fields, owner: &Ident, prefix: &str, container_default: bool) -> syn::Result<FieldList> {
        let Fields::Named(named) = fields else {
            return Err(Error::new_spanned(&*fields, "expected named fields"));
        };
        let mut list = FieldList { specs: Vec::new(), default_fns: Vec::new() };
        for field in &mut named.named {
            let spec = Spec::take(field, container_default)?;
            let name = format_ident!("__default_{}{}", prefix, spec.ident.unraw());
            if let (Rule::Value(value), false) = (&spec.rule, container_default) {
                let ty = &spec.ty;
                list.default_fns.push(quote! {
                    #[doc(hidden)]
                    fn #name() -> #ty { #value }
                });
            }
            field.attrs.extend(spec.serde_attr(container_default, &format!("{owner}::{name}")));
            list.specs.push(spec);
        }
        Ok(list)
    }

    /// `Path { field: o.req("field")?, … }`: reading the fields out of `o`
    /// (and `d`, the container's default, for `#[default(value)]`s there).
    fn decode(&self, path: &Tokens, owner: &Ident, prefix: &str, container_default: bool) -> Tokens {
        let fields = self.specs.iter().map(|spec| {
            let Spec { ident, key, .. } = spec;
            let read = match &spec.rule {
                Rule::Required => quote!(o.req(#key)?),
                Rule::Optional => quote!(o.opt(#key)?),
                Rule::Default => quote!(o.or_default(#key)?),
                Rule::Value(_) if container_default => quote!(o.or(#key, d.#ident)?),
                Rule::Value(_) => {
                    let name = format_ident!("__default_{}{}", prefix, ident.unraw());
                    quote!(o.or(#key, #owner::#name())?)
                }
            };
            quote!(#ident: #read)
        });
        quote!(#path { #(#fields),* })
    }

    /// A strategy for random values: `(a, (b, Just(()))).prop_map(|(a, (b, ()))| Path { a, b })`.
    fn sample(&self, path: &Tokens) -> Tokens {
        let mut strategy = quote!(::proptest::strategy::Just(()));
        let mut pattern = quote!(());
        for spec in self.specs.iter().rev() {
            let (ident, ty) = (&spec.ident, &spec.ty);
            strategy = quote!((<#ty as crate::decode::sample::Sample>::sample(), #strategy));
            pattern = quote!((#ident, #pattern));
        }
        let idents = self.specs.iter().map(|s| &s.ident);
        quote!(::proptest::strategy::Strategy::prop_map(#strategy, |#pattern| #path { #(#idents),* }))
    }
}

/// The item with its serde attributes, and the impls that go with it.
fn expand(options: &Options, mut input: DeriveInput) -> syn::Result<Tokens> {
    let name = input.ident.clone();
    let (serde_attr, decode, sample, extra) = match &mut input.data {
        Data::Struct(data) => {
            if options.tag.is_some() {
                return Err(Error::new_spanned(&name, "`tag` is for enums"));
            }
            let list = FieldList::take(&mut data.fields, &name, "", options.default)?;
            let build = list.decode(&quote!(#name), &name, "", options.default);
            // The container's default, only when a `#[default(value)]` is read from it.
            let reads_default = options.default && list.specs.iter().any(|s| matches!(s.rule, Rule::Value(_)));
            let read_default = reads_default.then(|| quote!(let d = <#name as ::core::default::Default>::default();));
            let decode = quote! {
                let o = node.object()?;
                #read_default
                Ok(#build)
            };
            let sample = list.sample(&quote!(#name));
            let mut extra = Vec::new();
            if !list.default_fns.is_empty() {
                let fns = &list.default_fns;
                extra.push(quote!(impl #name { #(#fns)* }));
            }
            if options.default {
                let values = list.specs.iter().map(|spec| {
                    let ident = &spec.ident;
                    match &spec.rule {
                        Rule::Value(value) => quote!(#ident: #value),
                        _ => quote!(#ident: ::core::default::Default::default()),
                    }
                });
                extra.push(quote! {
                    impl ::core::default::Default for #name {
                        fn default() -> Self {
                            #name { #(#values),* }
                        }
                    }
                });
            }
            let serde_attr = options.default.then(|| quote!(#[serde(default)]));
            (serde_attr, decode, sample, extra)
        }
        Data::Enum(data) => {
            if options.default {
                return Err(Error::new_spanned(&name, "`default` is for structs"));
            }
            let mut names = Vec::new();
            let mut arms = Vec::new();
            let mut samples = Vec::new();
            let mut default_fns = Vec::new();
            let all_unit = data.variants.iter().all(|v| matches!(v.fields, Fields::Unit));
            for variant in &mut data.variants {
                let key = snake_case(&variant.ident);
                let ident = &variant.ident;
                let path = quote!(#name::#ident);
                let prefix = format!("{key}_");
                let (arm, sample) = match &mut variant.fields {
                    Fields::Unit if options.tag.is_some() || all_unit => {
                        (quote!(#path), quote!(::proptest::strategy::Just(#path)))
                    }
                    Fields::Unit => {
                        return Err(Error::new_spanned(variant, "a unit variant beside data variants needs `tag`"))
                    }
                    Fields::Unnamed(one) if one.unnamed.len() == 1 && options.tag.is_none() => {
                        let ty = &one.unnamed[0].ty;
                        (
                            quote!(#path(crate::decode::Decode::decode(inner)?)),
                            quote!(::proptest::strategy::Strategy::prop_map(
                                <#ty as crate::decode::sample::Sample>::sample(),
                                #path
                            )),
                        )
                    }
                    Fields::Unnamed(_) => {
                        return Err(Error::new_spanned(variant, "expected a struct variant or a single value"))
                    }
                    fields @ Fields::Named(_) => {
                        let list = FieldList::take(fields, &name, &prefix, false)?;
                        default_fns.extend(list.default_fns.iter().cloned());
                        let build = list.decode(&path, &name, &prefix, false);
                        let arm = if options.tag.is_some() {
                            build
                        } else {
                            quote!({
                                let o = inner.object()?;
                                #build
                            })
                        };
                        (arm, list.sample(&path))
                    }
                };
                names.push(key);
                arms.push(arm);
                samples.push(quote!(::proptest::strategy::Strategy::boxed(#sample)));
            }
            let Some(last) = arms.pop() else {
                return Err(Error::new_spanned(&name, "an enum needs variants"));
            };
            // Variants are matched by their index in `names`, the last one as `_`.
            let indices = 0..arms.len();
            let matched = quote! {
                Ok(match kind {
                    #(#indices => #arms,)*
                    _ => #last,
                })
            };
            let (serde_attr, decode) = match &options.tag {
                Some(tag) => (
                    quote!(#[serde(tag = #tag, rename_all = "snake_case")]),
                    quote! {
                        let o = node.object()?;
                        let kind = o.tag_index(#tag, &[#(#names),*])?;
                        #matched
                    },
                ),
                None if all_unit => (
                    quote!(#[serde(rename_all = "snake_case")]),
                    quote! {
                        let kind = node.which(&[#(#names),*])?;
                        #matched
                    },
                ),
                None => (
                    quote!(#[serde(rename_all = "snake_case")]),
                    quote! {
                        let (kind, inner) = node.object()?.single_index(&[#(#names),*])?;
                        #matched
                    },
                ),
            };
            let sample = quote!(::proptest::strategy::Union::new(vec![#(#samples),*]));
            let extra = if default_fns.is_empty() { Vec::new() } else { vec![quote!(impl #name { #(#default_fns)* })] };
            (Some(serde_attr), decode, sample, extra)
        }
        Data::Union(_) => return Err(Error::new_spanned(&name, "content types are structs or enums")),
    };
    Ok(quote! {
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #serde_attr
        #input

        impl crate::decode::Decode for #name {
            fn decode(node: crate::decode::Node<'_>) -> crate::decode::Decoded<Self> {
                #decode
            }
        }

        #[cfg(test)]
        impl crate::decode::sample::Sample for #name {
            fn sample() -> ::proptest::strategy::BoxedStrategy<Self> {
                ::proptest::strategy::Strategy::boxed(#sample)
            }
        }

        #(#extra)*
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    /// Each field's key and attributes once its rule is read, then
    /// `("decode", the struct literal that decodes it)`.
    fn rules(mut item: DeriveInput, container_default: bool) -> Vec<(String, String)> {
        let Data::Struct(data) = &mut item.data else { panic!("a struct") };
        let name = item.ident.clone();
        let list = FieldList::take(&mut data.fields, &name, "", container_default).unwrap();
        let mut out: Vec<(String, String)> = list
            .specs
            .iter()
            .zip(&data.fields)
            .map(|(spec, field)| {
                let attrs: Vec<String> = field.attrs.iter().map(|a| a.to_token_stream().to_string()).collect();
                (spec.key.clone(), attrs.join(" "))
            })
            .collect();
        out.push(("decode".into(), list.decode(&quote!(#name), &name, "", container_default).to_string()));
        out
    }

    #[test]
    fn variant_names_are_snake_case() {
        assert_eq!(snake_case(&format_ident!("AuthorKind")), "author_kind");
        assert_eq!(snake_case(&format_ident!("Paragraph")), "paragraph");
        assert_eq!(snake_case(&format_ident!("r#Type")), "type");
    }

    #[test]
    fn options_are_optional_and_defaults_are_written_once() {
        let item: DeriveInput = parse_quote! {
            struct S {
                /// Doc.
                a: u32,
                #[default]
                b: String,
                #[default(10)]
                c: u32,
                d: Option<String>,
                r#type: std::option::Option<u32>,
            }
        };
        let rules = rules(item, false);
        assert_eq!(rules[0], ("a".into(), "# [doc = r\" Doc.\"]".into()));
        assert_eq!(rules[1], ("b".into(), "# [serde (default)]".into()));
        assert_eq!(rules[2], ("c".into(), "# [serde (default = \"S::__default_c\")]".into()));
        assert_eq!(rules[3].1, "# [serde (default , skip_serializing_if = \"Option::is_none\")]");
        assert_eq!(rules[4].0, "type", "the key of a raw identifier");
        let decode = &rules[5].1;
        for read in [
            "a : o . req (\"a\") ?",
            "b : o . or_default (\"b\") ?",
            "c : o . or (\"c\" , S :: __default_c ()) ?",
            "d : o . opt (\"d\") ?",
            "r#type : o . opt (\"type\") ?",
        ] {
            assert!(decode.contains(read), "{read} in {decode}");
        }
    }

    #[test]
    fn a_default_container_reads_its_values_from_its_default() {
        let item: DeriveInput = parse_quote! {
            struct S { #[default(2)] a: u32, b: bool, c: Option<String> }
        };
        let rules = rules(item, true);
        assert_eq!(rules[0].1, "");
        assert_eq!(rules[1].1, "");
        assert_eq!(rules[2].1, "# [serde (skip_serializing_if = \"Option::is_none\")]");
        let decode = &rules[3].1;
        assert!(decode.contains("a : o . or (\"a\" , d . a) ?"), "{decode}");
        assert!(decode.contains("b : o . or_default (\"b\") ?"), "{decode}");
    }

    #[test]
    fn misuses_are_compile_errors() {
        let error = |options: Options, item: DeriveInput| expand(&options, item).unwrap_err().to_string();
        assert!(error(
            Options::default(),
            parse_quote!(
                struct S {
                    #[default]
                    a: Option<u32>,
                }
            )
        )
        .contains("optional already"));
        assert!(error(
            Options::default(),
            parse_quote!(
                struct S {
                    #[default = 1]
                    a: u32,
                }
            )
        )
        .contains("#[default(value)]"));
        assert!(error(
            Options::default(),
            parse_quote!(
                struct S(u32);
            )
        )
        .contains("named fields"));
        let tag = Options { tag: Some(parse_quote!("type")), ..Options::default() };
        assert!(error(
            tag,
            parse_quote!(
                struct S {
                    a: u32,
                }
            )
        )
        .contains("for enums"));
        assert!(error(
            Options::default(),
            parse_quote!(
                enum E {
                    A,
                    B(u32),
                }
            )
        )
        .contains("needs `tag`"));
        assert!(error(
            Options::default(),
            parse_quote!(
                enum E {
                    A(u32, u32),
                }
            )
        )
        .contains("single value"));
    }
}
