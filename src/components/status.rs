//! What a page shows while a server call is under way, and when it failed;
//! and [`Loaded`], which puts the two round what a `LocalResource` loads.

use crate::{api::ApiError, session::use_session};
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

/// A page's own answer to some refusals (a 403 or a 404, say): a view, or
/// `None` for the plain problem with "Try again".
pub type Refusal = Callback<ApiError, Option<AnyView>>;

/// What `data` loaded, through `Suspense`: "Loading…" until it is there, then
/// `view` of it. A failure shows the problem with "Try again"; a 401 ends the
/// session (the page's guard then asks to log in again).
#[component]
pub fn Loaded<T, F, V>(
    data: LocalResource<Result<T, ApiError>>,
    view: F,
    #[prop(optional)] refused: Option<Refusal>,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(loaded) => view(loaded).into_any(),
                        Err(error) if error.is_unauthorized() => {
                            session.expired();
                            view! { <Loading/> }.into_any()
                        }
                        Err(error) => match refused.and_then(|r| r.run(error.clone())) {
                            Some(shown) => shown,
                            None => view! { <LoadError message=error.message() on_retry=retry/> }
                                .into_any(),
                        },
                    }
                })
            }}
        </Suspense>
    }
}

/// A refusal shown as one sentence, for the statuses listed.
pub fn refuse_with(statuses: &'static [u16], sentence: impl Into<String>) -> Refusal {
    let sentence = sentence.into();
    Callback::new(move |error: ApiError| {
        let sentence = sentence.clone();
        error
            .status()
            .filter(|status| statuses.contains(status))
            .map(|_| view! { <p class="body">{sentence}</p> }.into_any())
    })
}
