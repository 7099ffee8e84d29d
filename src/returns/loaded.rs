//! Shows a page's content once its data has arrived: "Loading…" until then,
//! the content, or what went wrong. A refusal (403, 404) says the server's
//! sentence; anything else offers Try again. The page's h1 stays outside,
//! so a client-side navigation focuses it as soon as the page is shown.
// feat/house-browser brings components::Loaded; this one goes when it lands.

use crate::{
    api::ApiError,
    components::{LoadError, Loading},
    session::use_session,
};
use leptos::prelude::*;

#[component]
pub fn Loaded<T, F, V>(data: LocalResource<Result<T, ApiError>>, view: F) -> impl IntoView
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
                        Err(error) if matches!(error.status(), Some(403 | 404)) => view! {
                            <p class="body">{refusal(&error)}</p>
                            <p class="body"><a href="/summary">"Back to Summary"</a></p>
                        }
                        .into_any(),
                        Err(error) => view! { <LoadError message=error.message() on_retry=retry/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A 404 never says more than that the thing is not there.
fn refusal(error: &ApiError) -> String {
    match error.status() {
        Some(404) => "We could not find that return or period.".to_owned(),
        _ => error.message(),
    }
}
