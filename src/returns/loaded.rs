//! Shows a page once its data has arrived: "Loading…" until then, the page
//! with the data, or what went wrong. A refusal (403, 404) is a page of its
//! own with the server's sentence; anything else offers Try again.
// feat/house-browser brings components::Loaded; this one goes when it lands.

use crate::{
    api::ApiError,
    components::{LoadError, Loading},
    session::use_session,
    shell::Page,
};
use leptos::prelude::*;

#[component]
pub fn Loaded<T, F, V>(
    data: LocalResource<Result<T, ApiError>>,
    /// The h1 of the page that says why it cannot be shown.
    refused_title: &'static str,
    view: F,
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
                        Err(error) if matches!(error.status(), Some(403 | 404)) => view! {
                            <Page title=refused_title>
                                <p class="body">{refusal(&error)}</p>
                                <p class="body"><a href="/summary">"Back to Summary"</a></p>
                            </Page>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <Page title=refused_title>
                                <LoadError message=error.message() on_retry=retry/>
                            </Page>
                        }
                        .into_any(),
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
