//! What a page shows while a server call is under way, and when it failed.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" role="status">
            <p class="body">"Loading…"</p>
        </div>
    }
}

#[component]
pub fn LoadError(#[prop(into)] message: String, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="load-error" role="alert">
            <p class="body">{message}</p>
            <button type="button" class="button button--secondary" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
