//! "Access Settings", shared by Add and Change Access: the access type and,
//! for each tax type, whether the logon may use it and at which level.

use crate::components::{field::Fieldset, Choice, FormError, LevelSelect, RadioGroup};
use leptos::prelude::*;
use wire::{
    access::{AccessType, Level, TaxTypeLevel},
    secondary::SecondaryDefaults,
    tax::TaxType,
    FieldErrors,
};

pub const ACCESS_TYPE_FIELD: &str = "access_type";
pub const TAX_TYPES_FIELD: &str = "tax_types";

/// The levels a chosen account type can have ("No Access" is leaving it unticked).
const LEVELS: [Level; 5] = [
    Level::ViewOnly,
    Level::FileOnly,
    Level::PayOnly,
    Level::FileAndPay,
    Level::AllAccess,
];

/// One tax type: whether it is ticked, and its level.
type AccountTypeRow = (TaxType, RwSignal<bool>, RwSignal<Level>);

/// What the access settings hold while the form is filled in.
#[derive(Clone, Copy)]
pub struct AccessSettings {
    pub access_type: RwSignal<Option<String>>,
    rows: StoredValue<Vec<AccountTypeRow>>,
}

impl AccessSettings {
    /// The creator's own access (seed 000: "By default, Secondary Logons have
    /// the same access as the person creating the Secondary Logon"): its
    /// access type, and exactly its account types at its levels.
    pub fn creators(defaults: &SecondaryDefaults) -> Self {
        Self::with(Some(defaults.access_type), &defaults.tax_types, false)
    }

    /// Starts from a logon's access; with no tax types, every type is ticked.
    pub fn from(access_type: Option<AccessType>, chosen: &[TaxTypeLevel]) -> Self {
        Self::with(access_type, chosen, chosen.is_empty())
    }

    fn with(access_type: Option<AccessType>, chosen: &[TaxTypeLevel], all: bool) -> Self {
        let rows = TaxType::ALL
            .into_iter()
            .map(|tax_type| {
                let found = chosen.iter().find(|c| c.tax_type == tax_type);
                let ticked = all || found.is_some();
                let level = found.map(|c| c.level).unwrap_or(Level::AllAccess);
                (tax_type, RwSignal::new(ticked), RwSignal::new(level))
            })
            .collect();
        Self {
            access_type: RwSignal::new(access_type.map(|t| t.code().to_owned())),
            rows: StoredValue::new(rows),
        }
    }

    /// Each ticked tax type with its level (All Access for a Master
    /// Administrator), for a review.
    pub fn summary(&self) -> Vec<String> {
        let master = self.chosen_type() == Some(AccessType::MasterAdministrator);
        self.tax_types()
            .into_iter()
            .map(|t| {
                let level = if master { Level::AllAccess } else { t.level };
                format!("{}: {}", t.tax_type.label(), level.label())
            })
            .collect()
    }

    pub fn chosen_type(&self) -> Option<AccessType> {
        self.access_type
            .get_untracked()
            .as_deref()
            .and_then(AccessType::from_code)
    }

    pub fn tax_types(&self) -> Vec<TaxTypeLevel> {
        self.rows.with_value(|rows| {
            rows.iter()
                .filter(|(_, ticked, _)| ticked.get_untracked())
                .map(|(tax_type, _, level)| TaxTypeLevel {
                    tax_type: *tax_type,
                    level: level.get_untracked(),
                })
                .collect()
        })
    }
}

/// The form errors of a refusal, with an access-settings error that is about
/// the account types (the type was chosen) moved to the account types.
pub fn access_errors(errors: FieldErrors, type_chosen: bool) -> Vec<FormError> {
    let mut list: Vec<FormError> = errors
        .0
        .into_iter()
        .map(|e| {
            if e.field == ACCESS_TYPE_FIELD && type_chosen {
                FormError::field(TAX_TYPES_FIELD, e.message)
            } else {
                FormError::from(e)
            }
        })
        .collect();
    // The summary lists problems in the order of the form.
    list.sort_by_key(|e| {
        FORM_ORDER
            .iter()
            .position(|f| Some(*f) == e.field.as_deref())
            .unwrap_or(FORM_ORDER.len())
    });
    list
}

/// The fields of the secondary logon forms, top to bottom.
const FORM_ORDER: [&str; 7] = [
    "username",
    "name",
    "email",
    "confirm_email",
    ACCESS_TYPE_FIELD,
    "groups",
    TAX_TYPES_FIELD,
];

/// The id of the tick box of one tax type; the first is `tax_types`, so an
/// error link lands on it.
fn tick_id(index: usize) -> String {
    if index == 0 {
        TAX_TYPES_FIELD.to_owned()
    } else {
        format!("{TAX_TYPES_FIELD}-{}", TaxType::ALL[index].code())
    }
}

/// The access type radios.
#[component]
pub fn AccessTypeField(settings: AccessSettings, error: Signal<Option<String>>) -> impl IntoView {
    let types = AccessType::ALL
        .into_iter()
        .map(|t| {
            let choice = Choice::new(t.code(), t.label());
            match t {
                AccessType::MasterAdministrator => {
                    choice.with_hint("All Access to every account type chosen.")
                }
                AccessType::TaxAdministrator => {
                    choice.with_hint("The level you choose for each account type.")
                }
            }
        })
        .collect::<Vec<_>>();
    view! {
        <RadioGroup
            id=ACCESS_TYPE_FIELD
            legend="Access type"
            options=types
            selected=settings.access_type
            error=error
        />
    }
}

const ACCOUNT_TYPES_HINT: &str = "Tick each type of account the logon may use, and choose its level. A Master Administrator has All Access. The logon never gets more than you have.";

/// Each tax type: a tick box and its level (All Access, fixed, for a Master
/// Administrator).
#[component]
pub fn AccountTypesField(settings: AccessSettings, error: Signal<Option<String>>) -> impl IntoView {
    let master = Memo::new(move |_| {
        settings.access_type.get().as_deref() == Some(AccessType::MasterAdministrator.code())
    });
    let rows = settings.rows.get_value();
    let items = rows
        .into_iter()
        .enumerate()
        .map(|(index, (tax_type, ticked, level))| {
            let id = tick_id(index);
            let select_id = format!("{TAX_TYPES_FIELD}-{}-level", tax_type.code());
            let shown = Signal::derive(move || {
                if master.get() {
                    Level::AllAccess
                } else {
                    level.get()
                }
            });
            view! {
                <div class="account-type">
                    <div class="choice account-type__choice">
                        <input
                            class="choice__input"
                            type="checkbox"
                            id=id.clone()
                            name=TAX_TYPES_FIELD
                            value=tax_type.code()
                            prop:checked=move || ticked.get()
                            on:change=move |ev| ticked.set(event_target_checked(&ev))
                        />
                        <label class="label choice__label" for=id>{tax_type.label()}</label>
                    </div>
                    <div class="account-type__level">
                        <label class="label account-type__level-label" for=select_id.clone()>
                            "Level"<span class="visually-hidden">{format!(" for {}", tax_type.label())}</span>
                        </label>
                        <LevelSelect id=select_id level=level levels=&LEVELS shown=shown
                            disabled=Signal::derive(move || master.get() || !ticked.get())/>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <Fieldset id=TAX_TYPES_FIELD legend="Account types" hint=ACCOUNT_TYPES_HINT error=error>
            <div class="account-types">{items}</div>
        </Fieldset>
    }
}
