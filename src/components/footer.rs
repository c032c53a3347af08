//! The site footer.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::use_config;

/// The content-info landmark at the bottom of every page.
#[component]
pub fn Footer() -> impl IntoView {
    let config = use_config();
    let schema = format!("{}schema/statement.schema.json", config.base);
    view! {
        <footer class="tribuna-footer">
            <p>
                {tr("footer.published_with")} " · "
                <a href=schema>{tr("footer.schema")}</a>
            </p>
        </footer>
    }
}
