//! The session timeout warning (the HMRC pattern): before the server's idle
//! limit a modal dialog offers "Stay signed in" or "Sign out"; at the limit the
//! app signs out and the Log In page says why, then returns to this page.

use crate::{
    api, nav,
    session::{use_flash, use_session},
};
use leptos::{ev, html, prelude::*, task::spawn_local};
use leptos_router::hooks::{use_location, use_navigate};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wire::{session::SessionStage, two_step::SESSION_TOUCH_INTERVAL_SECONDS};

pub const HEADING: &str = "You're about to be signed out";
const HEADING_ID: &str = "timeout-warning-heading";
const TEXT_ID: &str = "timeout-warning-text";

/// "15 minutes", "30 seconds", "1 minute 5 seconds".
pub fn duration_words(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (minutes, rest) = (seconds / 60, seconds % 60);
    let unit = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (minutes, rest) {
        (0, s) => unit(s, "second"),
        (m, 0) => unit(m, "minute"),
        (m, s) => format!("{} {}", unit(m, "minute"), unit(s, "second")),
    }
}

/// What the Log In page says after an automatic sign-out.
pub fn signed_out_message(idle_seconds: i64) -> String {
    format!(
        "You were signed out because you were inactive for {}.",
        duration_words(idle_seconds)
    )
}

/// Mounted once in the shell. The warning's code is not in the first
/// download (Log In does not need it): it is fetched when someone is signed
/// in, and the warning starts afresh with each session.
#[component]
pub fn TimeoutWarning() -> impl IntoView {
    let session = use_session();
    // The warning's idle limit and lead, once someone is fully signed in.
    let limits = Memo::new(move |_| {
        session
            .view()
            .filter(|v| v.stage == SessionStage::Full)
            .and_then(|v| {
                Some((
                    v.idle_timeout_seconds?,
                    v.warning_lead_seconds.unwrap_or(120),
                ))
            })
    });
    // Fetched a few seconds after sign-in, so it never competes with the
    // Summary's own data on a slow line, and still long before it can be due.
    let wanted = RwSignal::new(false);
    Effect::new(move |_| match limits.get() {
        Some((idle, lead)) => {
            let wait_ms = ((idle - lead).max(0) * 1000 / 2).min(FETCH_AFTER_MS);
            set_timeout(
                move || wanted.set(limits.get_untracked().is_some()),
                Duration::from_millis(wait_ms as u64),
            );
        }
        None => wanted.set(false),
    });
    move || {
        wanted.get().then(|| {
            Suspend::new(async {
                // Unable to fetch it (offline): the server still ends the session.
                warning_view().await.unwrap_or_else(|_| ().into_any())
            })
        })
    }
}

/// At most this long after sign-in before the warning's module is fetched.
const FETCH_AFTER_MS: i64 = 5_000;

#[wasm_split_helpers::wasm_split(timeout_warning, fallible)]
fn warning_view() -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <Warning/> }.into_any())
}

/// Shows nothing until it is time to warn.
#[component]
fn Warning() -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let location = use_location();
    let dialog = NodeRef::<html::Dialog>::new();
    let stay_button = NodeRef::<html::Button>::new();

    // The app's own idea of when the server ends the session (ms since the epoch).
    let deadline_ms = StoredValue::new(None::<f64>);
    let idle_seconds = StoredValue::new(900_i64);
    let lead_seconds = StoredValue::new(120_i64);
    let open = RwSignal::new(false);
    let remaining = RwSignal::new(0_i64);
    let spoken = RwSignal::new(String::new());
    // The last threshold announced (seconds left); reset when the dialog closes.
    let last_spoken = StoredValue::new(i64::MAX);
    let returns_focus_to = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // A new or reloaded session: its expiry as the server told it.
    Effect::new(move |_| {
        let view = session
            .view()
            .filter(|v| v.stage == SessionStage::Full && v.idle_timeout_seconds.is_some());
        match view {
            Some(view) => {
                let idle = view.idle_timeout_seconds.unwrap_or(900);
                idle_seconds.set_value(idle);
                lead_seconds.set_value(view.warning_lead_seconds.unwrap_or(120));
                let now = js_sys::Date::now();
                let told = view
                    .idle_expires_at
                    .map(|at| at as f64 * 1000.0)
                    .unwrap_or(now + idle as f64 * 1000.0);
                deadline_ms.set_value(Some(told.min(now + idle as f64 * 1000.0)));
            }
            None => {
                deadline_ms.set_value(None);
                open.set(false);
            }
        }
    });

    let close = move || {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        open.set(false);
        spoken.set(String::new());
        last_spoken.set_value(i64::MAX);
        if let Some(element) = returns_focus_to.get_value() {
            let _ = element.focus();
        }
        returns_focus_to.set_value(None);
    };

    let show = move || {
        let active = document()
            .active_element()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        returns_focus_to.set_value(active);
        open.set(true);
        if let Some(dialog) = dialog.get_untracked() {
            // showModal makes the rest of the page inert, so focus stays inside.
            let _ = dialog.show_modal();
        }
        if let Some(button) = stay_button.get_untracked() {
            let _ = button.focus();
        }
    };

    let sign_out_now = {
        let navigate = navigate.clone();
        move |inactive: bool| {
            let navigate = navigate.clone();
            deadline_ms.set_value(None);
            close();
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                match location.search.get_untracked() {
                    s if s.is_empty() => String::new(),
                    s => format!("?{s}"),
                }
            );
            spawn_local(async move {
                let _ = api::sign_out().await;
                let message = if inactive {
                    signed_out_message(idle_seconds.get_value())
                } else {
                    crate::shell::header::LOGGED_OUT_MESSAGE.to_owned()
                };
                flash.show_on(nav::SIGN_IN, message);
                session.logged_out();
                let target = if inactive {
                    nav::sign_in_href(&here)
                } else {
                    nav::SIGN_IN.to_owned()
                };
                navigate(&target, Default::default());
            });
        }
    };

    let stay = {
        let sign_out_now = sign_out_now.clone();
        move || {
            let sign_out_now = sign_out_now.clone();
            close();
            // The call below moves the server's clock on; until it answers
            // (slowly, on a busy line) the warning must not open again.
            let idle_ms = idle_seconds.get_value() as f64 * 1000.0;
            deadline_ms.set_value(Some(js_sys::Date::now() + idle_ms));
            spawn_local(async move {
                match api::keep_alive().await {
                    Ok(kept) => {
                        let idle = kept.idle_timeout_seconds;
                        deadline_ms.set_value(Some(js_sys::Date::now() + idle as f64 * 1000.0));
                    }
                    Err(error) if error.is_unauthorized() => sign_out_now(true),
                    Err(_) => {}
                }
            });
        }
    };

    // Once a second: move the deadline on for calls made since, warn, or end.
    {
        let sign_out_now = sign_out_now.clone();
        let handle = set_interval_with_handle(
            move || {
                let Some(mut deadline) = deadline_ms.get_value() else {
                    return;
                };
                let idle_ms = idle_seconds.get_value() as f64 * 1000.0;
                // The server counts a call only once a minute, so a call moves its
                // clock on by at least the idle limit less that minute.
                let last_call = api::last_call_ms();
                let slack_ms = SESSION_TOUCH_INTERVAL_SECONDS as f64 * 1000.0;
                if !open.get_untracked() {
                    deadline = deadline.max(last_call + idle_ms - slack_ms);
                    deadline_ms.set_value(Some(deadline));
                }
                let left = ((deadline - js_sys::Date::now()) / 1000.0).ceil() as i64;
                if left <= 0 {
                    sign_out_now(true);
                    return;
                }
                if left <= lead_seconds.get_value() {
                    remaining.set(left);
                    if !open.get_untracked() {
                        show();
                    }
                    // Spoken once on passing 60 s and once on passing 20 s, not every second.
                    let threshold = [20, 60].into_iter().find(|&t| left <= t);
                    if let Some(threshold) = threshold {
                        if threshold < last_spoken.get_value() {
                            last_spoken.set_value(threshold);
                            spoken.set(format!(
                                "You will be signed out in {}.",
                                duration_words(left)
                            ));
                        }
                    }
                }
            },
            Duration::from_secs(1),
        )
        .ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    }

    let on_cancel = {
        let stay = stay.clone();
        move |ev: ev::Event| {
            // Esc means "Stay signed in".
            ev.prevent_default();
            stay();
        }
    };
    let on_stay = {
        let stay = stay.clone();
        move |_| stay()
    };
    let on_sign_out = move |_| sign_out_now(false);

    view! {
        <dialog
            class="timeout-dialog"
            node_ref=dialog
            aria-labelledby=HEADING_ID
            aria-describedby=TEXT_ID
            aria-modal="true"
            on:cancel=on_cancel
        >
            <h2 class="heading-m" id=HEADING_ID>{HEADING}</h2>
            <p class="body" id=TEXT_ID>
                "For your security, we will sign you out in "
                <strong>{move || duration_words(remaining.get())}</strong>
                ". Anything you have not saved will be lost."
            </p>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">
                {move || spoken.get()}
            </p>
            <div class="button-group">
                <button type="button" class="button" node_ref=stay_button on:click=on_stay>
                    "Stay signed in"
                </button>
                <button type="button" class="button button--secondary" on:click=on_sign_out>
                    "Sign out"
                </button>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration_words(900), "15 minutes");
        assert_eq!(duration_words(60), "1 minute");
        assert_eq!(duration_words(65), "1 minute 5 seconds");
        assert_eq!(duration_words(1), "1 second");
        assert_eq!(
            signed_out_message(900),
            "You were signed out because you were inactive for 15 minutes."
        );
    }
}
