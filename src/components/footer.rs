//! The site footer.

use leptos::prelude::*;

use crate::i18n::t;
use crate::nav::use_nav;
use crate::state::use_config;

/// The content-info landmark at the bottom of every page.
#[component]
pub fn Footer() -> impl IntoView {
    let nav = use_nav();
    let config = use_config();
    let schema = format!("{}schema/statement.schema.json", config.base);
    view! {
        <footer class="tribuna-footer">
            <p>
                {move || t(&nav.lang.get(), "footer.published_with")} " · "
                <a href=schema>{move || t(&nav.lang.get(), "footer.schema")}</a>
            </p>
        </footer>
    }
}
