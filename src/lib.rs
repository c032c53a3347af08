//! Tribuna: an organisation's public statements, in every language it publishes.
//!
//! The same components run in two places:
//! - in the browser ([`start`]), where the app fetches its content, switches
//!   language in place and navigates without reloads;
//! - natively at build time (feature `ssr`, [`prerender`]), where they render
//!   every page to static HTML from content read from disk.
//!
//! A pre-rendered page is readable before any code arrives; the app then takes
//! it over (see [`browser::takeover`]).

mod api;
pub mod app;
pub mod browser;
mod components;
#[cfg(feature = "ssr")]
pub mod embed;
pub mod i18n;
mod lazy;
pub mod nav;
#[cfg(feature = "ssr")]
pub mod prerender;
mod routes;
pub mod state;

/// Starts the app in the browser: takes over the pre-rendered page when there
/// is one, else mounts into the empty body (a page added after the build, or
/// the development server).
pub fn start() {
    console_error_panic_hook::set_once();
    let app = || leptos::view! { <app::App start=app::Start::in_browser() /> };
    match browser::takeover::staging() {
        Some(container) => leptos::mount::mount_to(container, app).forget(),
        None => leptos::mount::mount_to_body(app),
    }
}
