//! `/more/business-activity`: "Business Activity", everything recorded on the
//! current business, by anyone, with a "Who" column. The search form and the
//! table are View Activity's.

use super::{api, current_customer, LoadRefusal, NoBusiness, BUSINESS_ACTIVITY_PATH};
use crate::{
    components::{ErrorSummary, FormState, Loading},
    pages::activity::{activity_query, query_string, Results, SearchForm},
    shell::Page,
};
use leptos::prelude::*;

pub const TITLE: &str = "Business Activity";

#[component]
pub fn BusinessActivityPage() -> impl IntoView {
    let customer = current_customer();
    let query = activity_query();
    let form = FormState::new();
    view! {
        <Page title=TITLE error=form.has_errors() before_title=move || view! { <ErrorSummary form=form/> }>
            {move || match customer.get() {
                None => view! { <NoBusiness/> }.into_any(),
                Some(c) => view! {
                    <p class="body">{format!("Everything done on {} through this portal, by anyone, newest first.", c.legal_name)}</p>
                    <SearchForm form=form query=query.get_untracked() path=BUSINESS_ACTIVITY_PATH/>
                    <ActivityList customer_id=c.id legal_name=c.legal_name query=query/>
                }
                .into_any(),
            }}
        </Page>
    }
}

#[component]
fn ActivityList(
    customer_id: i64,
    legal_name: String,
    query: Memo<wire::activity::ActivityQuery>,
) -> impl IntoView {
    let results = LocalResource::new(move || {
        let text = query_string(&query.get());
        async move { api::business_activity(customer_id, &text).await }
    });
    let retry = Callback::new(move |_| results.refetch());
    let forbidden = format!("Only a Master Administrator of {legal_name} can see its activity.");
    let caption = format!("Activity on {legal_name}, newest first");
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let forbidden = forbidden.clone();
                let caption = caption.clone();
                Suspend::new(async move {
                    match results.await {
                        Ok(page) => view! {
                            <Results page=page query=query.get_untracked() path=BUSINESS_ACTIVITY_PATH caption=caption show_who=true/>
                        }
                        .into_any(),
                        Err(error) => view! { <LoadRefusal error=error forbidden=forbidden on_retry=retry/> }
                            .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
