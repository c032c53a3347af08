//! The Mailbag widget and the question-and-answer item it shares with the
//! Mailbag page: asker, question, an answer preview and a "Read more" disclosure.

use std::sync::Arc;

use leptos::prelude::*;
use tribuna_core::content::{pick, SiteFile};
use tribuna_core::i18n::fill;
use tribuna_core::mailbag::{newest_first, paragraphs, truncate_at_word, MailbagFile, QuestionAnswer};
use tribuna_core::route::Page;

use crate::i18n::{other_lang, t};
use crate::nav::use_nav;
use crate::state::use_content;

/// The latest answered questions, sorted newest first (a copy; the file is left as loaded).
pub fn sorted(mailbag: &MailbagFile) -> Vec<QuestionAnswer> {
    let mut questions = mailbag.questions.clone();
    newest_first(&mut questions);
    questions
}

/// The Mailbag widget: a labelled region with the latest `widget_count`
/// answers, "Ask a question" and "See all answers". Nothing while the file
/// loads; if it fails, the rest of the page is unaffected (the console says why).
#[component]
pub fn MailbagWidget() -> impl IntoView {
    let nav = use_nav();
    let content = use_content();
    let mailbag = content.mailbag();
    move || {
        let lang = nav.lang.get();
        let site: Arc<SiteFile> = content.site.get()?.ok()?;
        let file = mailbag.get()?.ok()?;
        let latest: Vec<QuestionAnswer> = sorted(&file).into_iter().take(site.mailbag.widget_count as usize).collect();
        let preview = site.mailbag.preview_chars as usize;
        let items = latest
            .into_iter()
            .map(|qa| view! { <li><QaItem qa lang=lang.clone() preview heading=3 scope="widget" /></li> })
            .collect_view();
        // Untracked: the widget belongs to one page, and is replaced with it.
        let from = nav.href(&nav.page.get_untracked(), &lang);
        let ask = format!("{}?from={}", nav.href(&Page::Ask, &lang), tribuna_core::mailbag::percent_encode(&from));
        Some(view! {
            <section class="tribuna-mailbag" aria-labelledby="tribuna-mailbag-heading">
                <h2 id="tribuna-mailbag-heading">{t(&lang, "mailbag.title")}</h2>
                <ul class="tribuna-mailbag__list">{items}</ul>
                <p class="tribuna-mailbag__actions">
                    <a class="tribuna-button" href=ask>{t(&lang, "mailbag.ask")}</a>
                    <a class="tribuna-button tribuna-button--secondary" href=nav.href(&Page::Mailbag { open: None }, &lang)>
                        {t(&lang, "mailbag.see_all")}
                    </a>
                </p>
            </section>
        })
    }
}

/// One question and its answer. A long answer shows a preview cut at a word
/// and a "Read more" disclosure (`<details>`) that shows the whole answer in
/// place: it works before the app's code arrives, and without JavaScript.
#[component]
pub fn QaItem(
    /// The question and answer.
    qa: QuestionAnswer,
    /// The page's language.
    lang: String,
    /// About how many characters the preview keeps.
    preview: usize,
    /// The heading level of the question (2 or 3).
    heading: u8,
    /// A prefix that keeps element ids unique on the page (`widget`, `page`).
    scope: &'static str,
    /// Whether the answer starts open.
    #[prop(optional)]
    open: bool,
    /// Whether the question links to the answer's own page.
    #[prop(optional)]
    permalink: bool,
) -> impl IntoView {
    let nav = use_nav();
    let (question, q_lang) = pick(&qa.question, &lang, &qa.original_language).unwrap_or_default();
    let (answer, a_lang) = pick(&qa.answer, &lang, &qa.original_language).unwrap_or_default();
    let other = |l: &str| other_lang(l, &lang);
    let question_view = if permalink {
        view! { <a href=nav.href(&Page::Mailbag { open: Some(qa.id.clone()) }, &lang)>{question.to_string()}</a> }
            .into_any()
    } else {
        question.to_string().into_any()
    };
    let question_view = match heading {
        2 => view! { <h2 class="tribuna-qa__question" lang=other(q_lang)>{question_view}</h2> }.into_any(),
        _ => view! { <h3 class="tribuna-qa__question" lang=other(q_lang)>{question_view}</h3> }.into_any(),
    };
    let asker = if qa.name.trim().is_empty() {
        t(&lang, "mailbag.anonymous").to_string()
    } else {
        fill(t(&lang, "mailbag.asked_by"), &[("name", qa.name.trim())])
    };
    let date = crate::i18n::format_date(&qa.answered, &lang);
    let full: Vec<String> = paragraphs(answer).map(str::to_string).collect();
    let full_id = format!("tribuna-qa-{scope}-{}", qa.id);
    let body = match truncate_at_word(answer, preview) {
        None => view! {
            <div class="tribuna-qa__answer" lang=other(a_lang)>
                {full.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
        }
        .into_any(),
        Some(cut) => view! {
            <div class="tribuna-qa__answer" lang=other(a_lang)>
                <p class="tribuna-qa__preview">{cut}</p>
                <details class="tribuna-qa__more" open=open>
                    // Both labels are written out; the stylesheet shows the one that fits.
                    <summary lang=other(a_lang).map(|_| lang.clone())>
                        <span class="tribuna-qa__label-more">{t(&lang, "mailbag.read_more")}</span>
                        <span class="tribuna-qa__label-less">{t(&lang, "mailbag.read_less")}</span>
                    </summary>
                    <div id=full_id>{full.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}</div>
                </details>
            </div>
        }
        .into_any(),
    };
    view! {
        <article class="tribuna-qa" id=format!("tribuna-{scope}-{}", qa.id) tabindex="-1">
            {question_view}
            <p class="tribuna-qa__meta">{asker} " · " <time datetime=qa.answered.clone()>{date}</time></p>
            {body}
        </article>
    }
}
