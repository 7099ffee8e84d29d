//! Tax types and filing frequencies, with the labels the myconneCT screens use.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxType {
    SalesAndUse,
    Withholding,
    WithholdingNonWage,
    AdmissionsAndDues,
    DryCleaningEstablishment,
    PrepaidWirelessE911,
    Rental,
    RoomOccupancy,
    Tourism,
}

impl TaxType {
    pub const ALL: [TaxType; 9] = [
        TaxType::SalesAndUse,
        TaxType::Withholding,
        TaxType::WithholdingNonWage,
        TaxType::AdmissionsAndDues,
        TaxType::DryCleaningEstablishment,
        TaxType::PrepaidWirelessE911,
        TaxType::Rental,
        TaxType::RoomOccupancy,
        TaxType::Tourism,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TaxType::SalesAndUse => "Sales & Use",
            TaxType::Withholding => "Withholding",
            TaxType::WithholdingNonWage => "Withholding Non-Wage",
            TaxType::AdmissionsAndDues => "Admissions and Dues",
            TaxType::DryCleaningEstablishment => "Dry Cleaning Establishment",
            TaxType::PrepaidWirelessE911 => "Prepaid Wireless E-911",
            TaxType::Rental => "Rental",
            TaxType::RoomOccupancy => "Room Occupancy",
            TaxType::Tourism => "Tourism",
        }
    }

    /// The second line of the account card, as the Summary shows it ("Payroll").
    pub fn detail(self) -> Option<&'static str> {
        match self {
            TaxType::Withholding => Some("Payroll"),
            TaxType::WithholdingNonWage => Some("1099"),
            TaxType::Rental => Some("Surcharge"),
            _ => None,
        }
    }

    /// The stable code used in the database and URLs.
    pub fn code(self) -> &'static str {
        match self {
            TaxType::SalesAndUse => "sales_and_use",
            TaxType::Withholding => "withholding",
            TaxType::WithholdingNonWage => "withholding_non_wage",
            TaxType::AdmissionsAndDues => "admissions_and_dues",
            TaxType::DryCleaningEstablishment => "dry_cleaning_establishment",
            TaxType::PrepaidWirelessE911 => "prepaid_wireless_e911",
            TaxType::Rental => "rental",
            TaxType::RoomOccupancy => "room_occupancy",
            TaxType::Tourism => "tourism",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingFrequency {
    Monthly,
    Quarterly,
    Annual,
}

impl FilingFrequency {
    pub fn code(self) -> &'static str {
        match self {
            FilingFrequency::Monthly => "monthly",
            FilingFrequency::Quarterly => "quarterly",
            FilingFrequency::Annual => "annual",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Monthly, Self::Quarterly, Self::Annual]
            .into_iter()
            .find(|f| f.code() == code)
    }

    pub fn months(self) -> u32 {
        match self {
            FilingFrequency::Monthly => 1,
            FilingFrequency::Quarterly => 3,
            FilingFrequency::Annual => 12,
        }
    }

    /// "Annual Filer", or "Quarterly - Payroll Filer" for withholding, as on the Summary.
    pub fn filer_label(self, tax_type: TaxType) -> String {
        let base = match self {
            FilingFrequency::Monthly => "Monthly",
            FilingFrequency::Quarterly => "Quarterly",
            FilingFrequency::Annual => "Annual",
        };
        match tax_type.detail() {
            Some("Payroll") => format!("{base} - Payroll Filer"),
            _ => format!("{base} Filer"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    Inactive,
    Closed,
}

impl AccountStatus {
    pub fn code(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Inactive => "inactive",
            AccountStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Active, Self::Inactive, Self::Closed]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Active => "Active",
            AccountStatus::Inactive => "Inactive",
            AccountStatus::Closed => "Closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tax_type_code_round_trips() {
        for tax_type in TaxType::ALL {
            assert_eq!(TaxType::from_code(tax_type.code()), Some(tax_type));
        }
        assert_eq!(TaxType::from_code("income"), None);
    }

    #[test]
    fn filer_labels_match_the_summary_cards() {
        assert_eq!(
            FilingFrequency::Annual.filer_label(TaxType::SalesAndUse),
            "Annual Filer"
        );
        assert_eq!(
            FilingFrequency::Quarterly.filer_label(TaxType::Withholding),
            "Quarterly - Payroll Filer"
        );
    }
}
