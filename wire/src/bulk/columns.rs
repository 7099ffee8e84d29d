//! The CSV layout for information returns, as data: the browser builds the
//! downloadable template and the help table from it, the server matches an
//! uploaded header against it. Column names are the manual-entry form's field
//! names, so one error list serves both.

use super::{form::AmountCode, form::FormType, payee::fields};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// A required column must be in the header (its cells may still be blank
    /// where the row's rules allow).
    pub required: bool,
    pub description: String,
}

fn column(name: &'static str, required: bool, description: &str) -> Column {
    Column {
        name,
        required,
        description: description.to_owned(),
    }
}

/// The amount codes some form uses, in code order: the only amount columns offered.
pub fn amount_codes() -> impl Iterator<Item = AmountCode> {
    AmountCode::all().filter(|code| {
        FormType::ALL
            .iter()
            .any(|form| form.amount_box(*code).is_some())
    })
}

/// "1099-MISC box 1 Rents; 1099-NEC box 1 Nonemployee compensation; …"
fn amount_description(code: AmountCode) -> String {
    let uses: Vec<String> = FormType::ALL
        .iter()
        .filter_map(|form| {
            form.amount_box(code)
                .map(|b| format!("{form} box {}: {}", b.paper_box, b.name))
        })
        .collect();
    format!(
        "Amount code {code}, in dollars and cents. {}",
        uses.join("; ")
    )
}

/// Every column, in the template's order.
pub fn columns() -> Vec<Column> {
    let mut list = vec![
        column(fields::FORM_TYPE, true, "1099-MISC, 1099-NEC or W-2G"),
        column(
            fields::TIN_TYPE,
            true,
            "EIN or SSN (an ITIN or ATIN is SSN)",
        ),
        column(fields::TIN, true, "The payee's 9-digit TIN; dashes allowed"),
        column(fields::NAME, true, "The payee's name, up to 40 characters"),
        column(
            fields::NAME_2,
            false,
            "A second name line, such as a business name",
        ),
        column(fields::ADDRESS, true, "Street address, up to 40 characters"),
        column(
            fields::CITY,
            true,
            "City; for a foreign address also the province, postal code and country",
        ),
        column(
            fields::STATE,
            true,
            "Two-letter state code, like CT; blank for a foreign address",
        ),
        column(
            fields::ZIP,
            true,
            "5 or 9 digits, like 06114 or 06114-2322; blank for a foreign address",
        ),
        column(
            fields::FOREIGN,
            false,
            "Y for a foreign address; blank or N otherwise",
        ),
        column(
            fields::ACCOUNT,
            false,
            "Your account number for the payee, up to 20 characters",
        ),
    ];
    list.extend(amount_codes().map(|code| Column {
        name: code.field(),
        required: false,
        description: amount_description(code),
    }));
    list.push(column(
        fields::CT_TAX,
        true,
        "Connecticut income tax withheld, in dollars and cents; blank is 0.00",
    ));
    list.push(column(
        fields::CORRECTED,
        false,
        "Y for a corrected return; blank or N for an original",
    ));
    list
}

/// The header people download: every column, Windows line ending for spreadsheets.
pub fn template_csv() -> String {
    let names: Vec<&str> = columns().iter().map(|c| c.name).collect();
    format!("{}\r\n", names.join(","))
}

/// How a header cell is matched: case, surrounding blanks, spaces and hyphens
/// do not matter ("Payee TIN" is `payee_tin`).
pub fn normalize_header(cell: &str) -> String {
    cell.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_starts_with_the_form_and_payee_and_ends_with_ct_tax() {
        let template = template_csv();
        assert!(template.starts_with("form_type,payee_tin_type,payee_tin,payee_name,"));
        assert!(template.ends_with(",ct_tax_withheld,corrected\r\n"));
        assert!(template.contains(",amount_1,amount_2,"));
        // No form uses codes 9, G, H or J, so they are not offered.
        assert!(!template.contains("amount_9") && !template.contains("amount_j"));
    }

    #[test]
    fn amount_columns_say_which_box_of_which_form_they_fill() {
        let cols = columns();
        let one = cols.iter().find(|c| c.name == "amount_1").unwrap();
        assert!(one
            .description
            .contains("1099-NEC box 1: Nonemployee compensation"));
        assert!(one.description.contains("W-2G box 1: Reportable winnings"));
    }

    #[test]
    fn header_cells_match_ignoring_case_and_spacing() {
        assert_eq!(normalize_header(" Payee TIN "), "payee_tin");
        assert_eq!(normalize_header("CT-Tax-Withheld"), "ct_tax_withheld");
    }
}
