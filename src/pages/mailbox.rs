//! `/demo/mailbox` (demo portals only): the mail this portal would have sent,
//! so a person trying it can follow emailed links without a real inbox.

use crate::lazy::lazy_page;
use crate::{
    api::{self, DemoMessage},
    components::{refuse_with, Loaded},
    shell::Page,
};
use leptos::prelude::*;

pub const TITLE: &str = "Demo mailbox";

lazy_page!(pub MailboxRoute in mailbox => view! { <MailboxPage/> });

#[component]
pub fn MailboxPage() -> impl IntoView {
    let mailbox = LocalResource::new(api::demo_mailbox);
    let not_demo = refuse_with(
        &[404],
        "This portal is not a demonstration: it has no demo mailbox.",
    );
    view! {
        <Page title=TITLE>
            <p class="body lead">"Messages this demonstration portal would have emailed. A real portal sends them to the person's inbox; nobody else can see them."</p>
            <Loaded data=mailbox refused=not_demo view={|mailbox: api::DemoMailbox| {
                if mailbox.messages.is_empty() {
                    view! { <p class="body">"No messages yet."</p> }.into_any()
                } else {
                    view! {
                        <ol class="mailbox">
                            {mailbox.messages.into_iter().map(|m| view! { <Message message=m/> }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }
            }}/>
        </Page>
    }
}

#[component]
fn Message(message: DemoMessage) -> impl IntoView {
    let sent = crate::format::hartford_time(message.created_at)
        .map(crate::format::sign_in_text)
        .unwrap_or_default();
    let heading_id = format!("message-{}", message.id);
    view! {
        <li class="mailbox__message">
            <article aria-labelledby=heading_id.clone()>
                <h2 class="heading-s" id=heading_id.clone()>{message.subject}</h2>
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"To"</dt>" "
                        <dd class="summary-list__value">{message.to}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">"Sent"</dt>" "
                        <dd class="summary-list__value">{sent}</dd>
                    </div>
                </dl>
                <div class="mailbox__body">{body_view(&message.body)}</div>
            </article>
        </li>
    }
}

/// One piece of a message body: text, or a link to this portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Link(String),
}

/// Splits a body into text and links. Only addresses on `origin` become links:
/// anything else stays text, so the mailbox never sends people elsewhere.
pub fn pieces(body: &str, origin: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    for word in body.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let url = trimmed.trim_end_matches(['.', ',', ')', ';']);
        let own = !origin.is_empty()
            && url.len() > origin.len()
            && url.starts_with(origin)
            && url[origin.len()..].starts_with('/');
        if own {
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(Piece::Link(url.to_owned()));
            text.push_str(&word[url.len()..]);
        } else {
            text.push_str(word);
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

fn body_view(body: &str) -> impl IntoView {
    let origin = window().location().origin().unwrap_or_default();
    body.split("\n\n")
        .map(|paragraph| {
            let parts = pieces(paragraph, &origin)
                .into_iter()
                .map(|piece| match piece {
                    Piece::Text(text) => text.into_any(),
                    Piece::Link(url) => view! { <a href=url.clone()>{url.clone()}</a> }.into_any(),
                })
                .collect_view();
            view! { <p class="body">{parts}</p> }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_links_to_this_portal_become_links() {
        let body =
            "Reset: http://127.0.0.1:8080/reset-password?token=abc. Or http://evil.example/x";
        assert_eq!(
            pieces(body, "http://127.0.0.1:8080"),
            vec![
                Piece::Text("Reset: ".into()),
                Piece::Link("http://127.0.0.1:8080/reset-password?token=abc".into()),
                Piece::Text(". Or http://evil.example/x".into()),
            ]
        );
        // A look-alike host is not this portal.
        assert!(pieces(
            "http://127.0.0.1:8080.evil.example/",
            "http://127.0.0.1:8080"
        )
        .iter()
        .all(|p| matches!(p, Piece::Text(_))));
    }
}
