//! Tribuna in the browser: takes over the pre-rendered page, or mounts the app.

fn main() {
    tribuna::start();
}
