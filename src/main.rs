//! Tribuna: an organisation's public statements, rendered in the browser from JSON content.

mod api;
mod app;
mod browser;
mod components;
mod history;
mod i18n;
mod lazy;
mod routes;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
