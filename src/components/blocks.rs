//! A statement body: structured blocks rendered as elements, never as HTML.

use leptos::prelude::*;
use tribuna_core::content::{Block, Inline};
use tribuna_core::href::{is_external, is_safe_image, is_safe_link};

use crate::state::{use_config, Config};

/// The body of a statement. Each block carries `data-block` (its index) so a
/// place in the text can be found again in another language.
#[component]
pub fn Blocks(
    /// The blocks, in order.
    blocks: Vec<Block>,
) -> impl IntoView {
    let config = use_config();
    blocks.into_iter().enumerate().map(|(i, block)| block_view(&config, i, block)).collect_view()
}

fn block_view(config: &Config, i: usize, block: Block) -> AnyView {
    match block {
        Block::Paragraph { text } => view! { <p data-block=i>{inlines(config, text)}</p> }.into_any(),
        Block::Heading { text } => view! { <h2 data-block=i class="tribuna-body__heading">{text}</h2> }.into_any(),
        Block::Quote { text, attribution } => view! {
            <figure data-block=i class="tribuna-quote">
                <blockquote><p>{inlines(config, text)}</p></blockquote>
                {attribution.map(|a| view! { <figcaption>{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items.into_iter().map(|item| view! { <li>{inlines(config, item)}</li> }).collect_view();
            if ordered {
                view! { <ol data-block=i>{items}</ol> }.into_any()
            } else {
                view! { <ul data-block=i>{items}</ul> }.into_any()
            }
        }
        Block::Image { src, width, height, alt, caption, credit } => {
            let src = is_safe_image(&src).then(|| config.asset(&src));
            let has_caption = caption.is_some() || credit.is_some();
            view! {
                <figure data-block=i class="tribuna-figure">
                    <img src=src width=width height=height alt=alt loading="lazy" decoding="async" />
                    {has_caption.then(|| view! {
                        <figcaption>
                            {caption.map(|c| view! { <span class="tribuna-figure__caption">{c}</span> })}
                            {credit.map(|c| view! { <span class="tribuna-figure__credit">{c}</span> })}
                        </figcaption>
                    })}
                </figure>
            }
            .into_any()
        }
        Block::Callout { text } => view! { <p data-block=i class="tribuna-callout">{text}</p> }.into_any(),
    }
}

/// Runs of inline text. A link whose target is not allowed is shown as plain text.
fn inlines(config: &Config, runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Text(t) => t.into_any(),
            Inline::Em(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Link { text, href } if is_safe_link(&href) => {
                let external = is_external(&href);
                view! {
                    <a href=config.link(&href) rel=external.then_some("noopener noreferrer")>{text}</a>
                }
                .into_any()
            }
            Inline::Link { text, .. } => text.into_any(),
        })
        .collect_view()
}
