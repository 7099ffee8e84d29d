//! The GOV.UK error summary: "There is a problem" and a list of links to the
//! boxes that need fixing. Every failed submit moves focus to it.

use super::form::FormState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub const ERROR_SUMMARY_ID: &str = "error-summary";
pub const ERROR_SUMMARY_TITLE_ID: &str = "error-summary-title";

/// Focuses the box with this id and scrolls what names it into view: for a
/// group of radios, tick boxes or date parts the group's legend (with its
/// hint and message under it), not the first option's own label; else the
/// box's label.
pub fn focus_field(target: &str) {
    let Some(element) = document().get_element_by_id(target) else {
        return;
    };
    let label = element
        .closest("fieldset")
        .ok()
        .flatten()
        .and_then(|fieldset| fieldset.query_selector("legend").ok().flatten())
        .or_else(|| {
            document()
                .query_selector(&format!("label[for=\"{target}\"]"))
                .ok()
                .flatten()
        });
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
    if let Some(label) = label {
        label.scroll_into_view();
    }
}

#[component]
pub fn ErrorSummary(form: FormState) -> impl IntoView {
    let errors = form.errors();
    let failed_submits = form.failed_submits();

    // After each failed submit, once the summary is on the page, focus it.
    // The DOM updates land in microtasks, so the next frame sees the summary.
    Effect::new(move |_| {
        if failed_submits.get() > 0 {
            request_animation_frame(|| {
                if let Some(summary) = document()
                    .get_element_by_id(ERROR_SUMMARY_ID)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            });
        }
    });

    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|error| match error.target {
                    Some(target) => {
                        let href = format!("#{target}");
                        view! {
                            <li>
                                <a
                                    href=href
                                    on:click=move |ev: web_sys::MouseEvent| {
                                        ev.prevent_default();
                                        focus_field(&target);
                                    }
                                >
                                    {error.message}
                                </a>
                            </li>
                        }
                        .into_any()
                    }
                    None => view! { <li>{error.message}</li> }.into_any(),
                })
                .collect_view();
            view! {
                <div
                    class="error-summary"
                    role="alert"
                    aria-labelledby=ERROR_SUMMARY_TITLE_ID
                    tabindex="-1"
                    id=ERROR_SUMMARY_ID
                >
                    <h2 class="error-summary__title" id=ERROR_SUMMARY_TITLE_ID>
                        "There is a problem"
                    </h2>
                    <ul class="error-summary__list">{items}</ul>
                </div>
            }
        })
    }
}
