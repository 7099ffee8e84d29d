//! `/returns/:return_id`: a return exactly as filed, every line as the
//! server worked it out when it was filed, the period's other returns
//! (original and amendments) and, for the period's latest return and a
//! caller with the file right, "Amend".

use super::{
    api, confirmation::FiledFacts, filed_href, lines::LinesTable, refused, stylesheet, Target,
};
use crate::{
    components::Loaded,
    lazy::lazy_page,
    paths,
    shell::{Page, RequireSession},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use wire::returns::{view::ReturnView, ReturnKind};

lazy_page!(pub FiledReturnRoute in returns => view! { <RequireSession><FiledReturnPage/></RequireSession> });

#[component]
pub fn FiledReturnPage() -> impl IntoView {
    // The period's other returns link here too: the page follows the address.
    let params = use_params_map();
    let return_id = Memo::new(move |_| {
        params
            .read()
            .get("return_id")
            .and_then(|id| id.parse::<i64>().ok())
    });
    if return_id.get_untracked().is_none() {
        return view! { <crate::pages::NotFound/> }.into_any();
    }
    let filed = LocalResource::new(move || {
        let id = return_id.get().unwrap_or_default();
        async move { api::filed(id).await }
    });
    view! {
        {stylesheet()}
        <Page title=TITLE>
            <Loaded data=filed refused=refused() view=|filed| view! { <Filed filed=filed/> }/>
        </Page>
    }
    .into_any()
}

pub const TITLE: &str = "Return as filed";

pub fn filed_title(filed: &ReturnView) -> String {
    let form = filed.form.map(|f| f.definition().number).unwrap_or("Paper");
    let kind = match filed.kind {
        ReturnKind::Original => "return",
        ReturnKind::Amended => "amended return",
    };
    format!(
        "{form} {kind} for the period ending {}",
        filed.period_end.to_us()
    )
}

#[component]
fn Filed(filed: ReturnView) -> impl IntoView {
    let title = filed_title(&filed);
    let lines = match filed.computed.clone() {
        Some(computed) => view! { <LinesTable caption=format!("{title}, as filed") computed=computed/> }.into_any(),
        None => view! {
            <p class="body">
                {format!("This return was filed before the portal kept its lines. It reported tax of {}.", filed.tax)}
            </p>
        }
        .into_any(),
    };
    let processed = match filed.processed_on {
        Some(on) => format!("Posted to the account on {}.", on.to_us()),
        None => "Not posted to the account yet: returns are processed overnight.".to_owned(),
    };
    let others = (filed.period_returns.len() > 1).then(|| {
        let current = filed.return_id;
        let items = filed
            .period_returns
            .iter()
            .map(|r| {
                let label = format!(
                    "{} {}, filed {}",
                    if r.amended {
                        "Amended return"
                    } else {
                        "Original return"
                    },
                    r.confirmation_number,
                    r.filed_on.to_us()
                );
                if r.return_id == current {
                    view! { <li>{label}" (this return)"</li> }.into_any()
                } else {
                    view! { <li><a href=filed_href(r.return_id)>{label}</a></li> }.into_any()
                }
            })
            .collect_view();
        view! {
            <h2 class="heading-m">"Returns for this period"</h2>
            <ul class="list">{items}</ul>
        }
    });
    let amend = filed.may_amend.then(|| {
        let target = Target {
            account_id: filed.account.id,
            period_id: filed.period_id,
            kind: ReturnKind::Amended,
        };
        view! {
            <p class="body no-print">
                <a class="button button--secondary" href=target.form_href()>"Amend"</a>
            </p>
        }
    });
    view! {
        <h2 class="heading-m">{title}</h2>
            <FiledFacts filed=filed.clone()/>
            <p class="body">{processed}</p>
            {amend}
            {lines}
            {others}
            <p class="body no-print"><a href=paths::SUMMARY>"Back to Summary"</a></p>
    }
}
