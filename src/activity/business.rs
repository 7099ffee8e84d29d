//! `/more/business-activity`: "Business Activity", everything recorded on the
//! current business, by anyone, with a "Who" column. The search form and the
//! table are View Activity's. Only its Master Administrators may see it.

use super::{activity_query, query_string, Results, SearchForm};
use crate::{
    api::{self, ApiError},
    components::{ErrorSummary, FormState, Loaded},
    grants::{current_customer, refusal, NoBusiness},
    paths,
    shell::Page,
};
use crate::{lazy::lazy_page, shell::RequireSession};
use leptos::prelude::*;
use wire::activity::ActivityPage;

/// `GET /api/customers/{id}/activity?…` with the query already encoded.
async fn business_activity(customer_id: i64, query: &str) -> Result<ActivityPage, ApiError> {
    api::get_json(&format!("/api/customers/{customer_id}/activity{query}")).await
}

pub const TITLE: &str = "Business Activity";

lazy_page!(pub BusinessActivityRoute in grants => view! { <RequireSession><BusinessActivityPage/></RequireSession> });

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
                    <SearchForm form=form query=query.get_untracked() path=paths::BUSINESS_ACTIVITY/>
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
        async move { business_activity(customer_id, &text).await }
    });
    let forbidden = format!("Only a Master Administrator of {legal_name} can see its activity.");
    let caption = format!("Activity on {legal_name}, newest first");
    view! {
        <Loaded data=results refused=refusal(forbidden) view={move |page| view! {
            <Results page=page query=query.get_untracked() path=paths::BUSINESS_ACTIVITY caption=caption.clone() show_who=true/>
        }}/>
    }
}
