//! `/messages`: "View Messages". The current business's letters from the
//! agency, then the notices addressed to this logon (about its own requests
//! for access). Each shows its Letter ID, subject and date; the letter itself
//! opens in a disclosure.

use crate::{
    api::{self, ApiError},
    components::Loaded,
    format::date_us,
    grants::{current_customer, refusal},
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use wire::messages::MessageRow;

pub const TITLE: &str = "View Messages";

/// `GET /api/customers/{id}/messages`.
pub async fn customer_messages(customer_id: i64) -> Result<Vec<MessageRow>, ApiError> {
    api::get_json(&format!("/api/customers/{customer_id}/messages")).await
}

/// `GET /api/messages/mine`.
pub async fn my_messages() -> Result<Vec<MessageRow>, ApiError> {
    api::get_json("/api/messages/mine").await
}

lazy_page!(pub MessagesRoute in messages => view! { <RequireSession><MessagesPage/></RequireSession> });

#[component]
pub fn MessagesPage() -> impl IntoView {
    let customer = current_customer();
    let mine = LocalResource::new(my_messages);
    view! {
        <Page title=TITLE>
            {move || customer.get().map(|c| view! {
                <BusinessMessages customer_id=c.id legal_name=c.legal_name/>
            })}
            <section class="message-section" aria-labelledby="notices-heading">
                <h2 class="heading-m" id="notices-heading">"Your notices"</h2>
                <p class="body">"Notices about your own requests for access, sent to your logon."</p>
                <Loaded data=mine view={|rows| view! {
                    <MessageList rows=rows empty="You have no notices." id_prefix="notice"/>
                }}/>
            </section>
        </Page>
    }
}

#[component]
fn BusinessMessages(customer_id: i64, legal_name: String) -> impl IntoView {
    let messages = LocalResource::new(move || customer_messages(customer_id));
    let heading = format!("Messages for {legal_name}");
    view! {
        <section class="message-section" aria-labelledby="business-messages-heading">
            <h2 class="heading-m" id="business-messages-heading">{heading}</h2>
            <Loaded data=messages refused=refusal("You cannot see this business's messages.") view={|rows| view! {
                <MessageList rows=rows empty="This business has no messages." id_prefix="message"/>
            }}/>
        </section>
    }
}

#[component]
fn MessageList(
    rows: Vec<MessageRow>,
    empty: &'static str,
    id_prefix: &'static str,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">{empty}</p> }.into_any();
    }
    let items = rows
        .into_iter()
        .map(|message| {
            let heading_id = format!("{id_prefix}-{}", message.id);
            let labelled_by = heading_id.clone();
            let paragraphs = message
                .body
                .split("\n\n")
                .map(|p| view! { <p class="body">{p.to_owned()}</p> })
                .collect_view();
            view! {
                <li class="message">
                    <article aria-labelledby=labelled_by>
                        <h3 class="heading-s" id=heading_id>
                            {message.subject.clone()}
                            {(!message.read).then(|| view! { " " <span class="tag tag--neutral">"New"</span> })}
                        </h3>
                        <dl class="facts">
                            <div class="facts__row">
                                <dt>"Letter ID"</dt>
                                " "
                                <dd>{message.letter_id.clone()}</dd>
                            </div>
                            <div class="facts__row">
                                <dt>"Date"</dt>
                                " "
                                <dd>{date_us(message.sent_at)}</dd>
                            </div>
                        </dl>
                        <details class="details">
                            <summary class="details__summary">
                                "Read the message"<span class="visually-hidden">{format!(": {}", message.subject)}</span>
                            </summary>
                            <div class="details__text message__body">{paragraphs}</div>
                        </details>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="message-list">{items}</ul> }.into_any()
}
