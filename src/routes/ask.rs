//! `/mailbag/ask`: the form to ask a question. Nothing typed is lost: the draft
//! is saved as the visitor types and cleared only once the endpoint accepts it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tribuna_core::content::{pick, SiteFile};
use tribuna_core::i18n::fill;
use tribuna_core::mailbag::{
    is_probably_bot, mailto_href, validate_draft, Draft, Field, Problem, Submission, QUESTION_MAX,
};
use tribuna_core::route::Page;
use tribuna_core::ContentError;

use crate::api::{post_json, SendError};
use crate::browser;
use crate::components::error_panel::ErrorPanel;
use crate::components::skeleton::StatementSkeleton;
use crate::i18n::t;
use crate::nav::use_nav;
use crate::routes::use_title;
use crate::state::use_content;

/// How long typing pauses before the draft is saved.
const SAVE_DELAY_MS: u32 = 300;

/// The "Ask a question" page.
#[component]
pub fn AskPage() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    use_title(|lang| Some(t(lang, "ask.title").to_string()));
    let retry = Callback::new(move |_| content.retry_failed());
    view! {
        <div class="tribuna-ask">
            <h1>{move || t(&nav.lang.get(), "ask.title")}</h1>
            <p>{move || t(&nav.lang.get(), "ask.intro")}</p>
            <Suspense fallback=|| view! { <StatementSkeleton /> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorPanel errors on_retry=retry /> }>
                    {move || Suspend::new(async move {
                        let site = content.site.load().await?;
                        Ok::<_, ContentError>(view! { <AskForm site /> })
                    })}
                </ErrorBoundary>
            </Suspense>
        </div>
    }
}

/// Where the form stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SendState {
    /// Being filled in.
    Editing,
    /// On its way to the endpoint.
    Sending,
    /// Accepted (or silently dropped as a bot's).
    Sent,
    /// Not sent; the draft is kept.
    Failed(SendError),
    /// No endpoint: the visitor is offered an email instead.
    ByEmail,
}

fn field_id(field: Field) -> String {
    format!("tribuna-ask-{}", field.as_str())
}

fn error_id(field: Field) -> String {
    format!("tribuna-ask-{}-error", field.as_str())
}

/// The page a question is asked from: `?from=` when it is a path on this site.
fn asked_from(fallback: String) -> String {
    browser::query_param("from").filter(|p| p.starts_with('/') && !p.starts_with("//")).unwrap_or(fallback)
}

/// The form: fields, validation tied to each field, spam checks, sending, and
/// the draft kept on this device.
#[component]
fn AskForm(site: Arc<SiteFile>) -> impl IntoView {
    let nav = use_nav();
    browser::takeover::page_ready();
    let lang = move || nav.lang.get();
    let restored = browser::load_draft().unwrap_or_default();
    let name = RwSignal::new(restored.name);
    let email = RwSignal::new(restored.email);
    let question = RwSignal::new(restored.question);
    let consent = RwSignal::new(restored.consent);
    let honeypot = RwSignal::new(String::new());
    let opened_at = browser::now_ms();
    let draft = Memo::new(move |_| Draft {
        name: name.get(),
        email: email.get(),
        question: question.get(),
        consent: consent.get(),
    });
    let attempted = RwSignal::new(false);
    let state = RwSignal::new(SendState::Editing);
    let problems = Memo::new(move |_| validate_draft(&draft.get()));
    let problem = move |field: Field| -> Option<Problem> {
        attempted.get().then(|| problems.with(|p| p.iter().find(|(f, _)| *f == field).map(|(_, p)| *p))).flatten()
    };

    // Save the draft shortly after typing stops (the timer restarts with each change).
    let pending_save: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let d = draft.get();
        let timer = gloo_timers::callback::Timeout::new(SAVE_DELAY_MS, move || browser::save_draft(&d));
        pending_save.set_value(Some(timer));
    });

    let endpoint = site.mailbag.endpoint.clone();
    let timeout_ms = site.mailbag.timeout_ms;
    let send = move || {
        if state.get_untracked() == SendState::Sending {
            return; // a double click sends once
        }
        let d = draft.get_untracked();
        browser::save_draft(&d);
        if is_probably_bot(&honeypot.get_untracked(), browser::now_ms() - opened_at) {
            // Dropped without telling the sender.
            state.set(SendState::Sent);
            return;
        }
        let Some(url) = endpoint.clone() else {
            state.set(SendState::ByEmail);
            return;
        };
        let page = asked_from(nav.href(&Page::Ask, &lang()));
        let body = serde_json::to_string(&Submission::from_draft(&d, &lang(), &page)).unwrap_or_default();
        state.set(SendState::Sending);
        spawn_local(async move {
            match post_json(&url, body, timeout_ms).await {
                Ok(()) => {
                    pending_save.set_value(None);
                    browser::clear_draft();
                    name.set(String::new());
                    email.set(String::new());
                    question.set(String::new());
                    consent.set(false);
                    attempted.set(false);
                    state.set(SendState::Sent);
                    browser::before_next_paint(|| browser::focus_element("tribuna-ask-result"));
                }
                Err(e) => {
                    state.set(SendState::Failed(e));
                    browser::before_next_paint(|| browser::focus_element("tribuna-ask-result"));
                }
            }
        });
    };
    let submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            attempted.set(true);
            if let Some((field, _)) = problems.get_untracked().first() {
                browser::focus_element(&field_id(*field));
                return;
            }
            send();
        }
    };

    let privacy = pick(&site.mailbag.privacy_href, &nav.lang.get_untracked(), &site.default_language)
        .map(|(h, _)| h.to_string())
        .filter(|h| tribuna_core::href::is_safe_link(h));
    let email_to = site.mailbag.email.clone();
    let described = move |field: Field, hint: Option<&str>| {
        let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
        if problem(field).is_some() {
            ids.push(error_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error = move |field: Field| {
        move || {
            problem(field).map(|p| {
                view! { <p class="tribuna-field__error" id=error_id(field)>{t(&lang(), p.message_key())}</p> }
            })
        }
    };
    let counter = move || {
        let n = question.with(|q| q.trim().chars().count());
        fill(t(&lang(), "ask.counter"), &[("n", &n.to_string()), ("max", &QUESTION_MAX.to_string())])
    };
    let result = {
        let send = send.clone();
        move || {
            match state.get() {
            SendState::Sent => Some(
                view! {
                    <div id="tribuna-ask-result" class="tribuna-ask__result" role="status" tabindex="-1">
                        <h2>{t(&lang(), "ask.thanks.title")}</h2>
                        <p>{t(&lang(), "ask.thanks.text")}</p>
                        <a href=nav.href(&Page::Mailbag { open: None }, &lang())>{t(&lang(), "mailbag.see_all")}</a>
                    </div>
                }
                .into_any(),
            ),
            SendState::Failed(e) => {
                let send = send.clone();
                Some(
                    view! {
                        <div id="tribuna-ask-result" class="tribuna-error" role="alert" tabindex="-1">
                            <h2 class="tribuna-error__title">{t(&lang(), "ask.failed.title")}</h2>
                            <p>{t(&lang(), e.message_key())} " " {t(&lang(), "ask.failed.kept")}</p>
                            <button type="button" class="tribuna-button" on:click=move |_| send()>
                                {t(&lang(), "error.retry")}
                            </button>
                        </div>
                    }
                    .into_any(),
                )
            }
            SendState::ByEmail => Some(match email_to.clone() {
                Some(address) => view! {
                    <div id="tribuna-ask-result" class="tribuna-ask__result" role="status" tabindex="-1">
                        <p>{t(&lang(), "ask.by_email.text")}</p>
                        <a class="tribuna-button" href=move || mailto_href(&address, t(&lang(), "ask.by_email.subject"), &draft.get())>
                            {t(&lang(), "ask.by_email.link")}
                        </a>
                    </div>
                }
                .into_any(),
                None => view! { <p id="tribuna-ask-result" role="alert">{t(&lang(), "ask.unavailable")}</p> }.into_any(),
            }),
            SendState::Editing | SendState::Sending => None,
        }
        }
    };

    // Without JavaScript the form cannot send; the email route still works.
    let without_script = site.mailbag.email.clone().map(|address| {
        let lang = nav.lang.get_untracked();
        let href = mailto_href(&address, t(&lang, "ask.by_email.subject"), &Draft::default());
        view! {
            <noscript>
                <p class="tribuna-notice">{t(&lang, "ask.noscript")}</p>
                <p><a class="tribuna-button" href=href>{t(&lang, "ask.by_email.link")}</a></p>
            </noscript>
        }
    });
    view! {
        {without_script}
        <form class="tribuna-ask__form" novalidate on:submit=submit>
            <div class="tribuna-field">
                <label for=field_id(Field::Name)>{move || t(&lang(), "ask.name")} " " <span class="tribuna-field__optional">{move || t(&lang(), "ask.optional")}</span></label>
                <input id=field_id(Field::Name) type="text" autocomplete="given-name" maxlength="80"
                    aria-invalid=move || problem(Field::Name).is_some().then_some("true")
                    aria-describedby=move || described(Field::Name, None)
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {error(Field::Name)}
            </div>
            <div class="tribuna-field">
                <label for=field_id(Field::Email)>{move || t(&lang(), "ask.email")} " " <span class="tribuna-field__optional">{move || t(&lang(), "ask.optional")}</span></label>
                <p class="tribuna-field__hint" id="tribuna-ask-email-hint">{move || t(&lang(), "ask.email_hint")}</p>
                <input id=field_id(Field::Email) type="email" autocomplete="email" inputmode="email"
                    aria-invalid=move || problem(Field::Email).is_some().then_some("true")
                    aria-describedby=move || described(Field::Email, Some("tribuna-ask-email-hint"))
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev)) />
                {error(Field::Email)}
            </div>
            <div class="tribuna-field">
                <label for=field_id(Field::Question)>{move || t(&lang(), "ask.question")}</label>
                <textarea id=field_id(Field::Question) rows="7" required
                    aria-invalid=move || problem(Field::Question).is_some().then_some("true")
                    aria-describedby=move || described(Field::Question, Some("tribuna-ask-counter"))
                    prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))></textarea>
                <p class="tribuna-field__hint" id="tribuna-ask-counter">{counter}</p>
                {error(Field::Question)}
            </div>
            // A field people never see or hear; bots fill it in.
            <div class="tribuna-ask__trap" aria-hidden="true">
                <label for="tribuna-ask-website">"Website"</label>
                <input id="tribuna-ask-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    prop:value=move || honeypot.get() on:input=move |ev| honeypot.set(event_target_value(&ev)) />
            </div>
            <div class="tribuna-field tribuna-field--check">
                <input id=field_id(Field::Consent) type="checkbox"
                    aria-invalid=move || problem(Field::Consent).is_some().then_some("true")
                    aria-describedby=move || described(Field::Consent, None)
                    prop:checked=move || consent.get() on:change=move |ev| consent.set(event_target_checked(&ev)) />
                <label for=field_id(Field::Consent)>
                    {move || t(&lang(), "ask.consent")} " "
                    {privacy.clone().map(|href| view! { <a href=href>{move || t(&lang(), "ask.privacy")}</a> })}
                </label>
                {error(Field::Consent)}
            </div>
            <button type="submit" class="tribuna-button" aria-disabled=move || (state.get() == SendState::Sending).then_some("true")>
                {move || t(&lang(), if state.get() == SendState::Sending { "ask.sending" } else { "ask.send" })}
            </button>
        </form>
        {result}
    }
}
