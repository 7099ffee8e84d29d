//! The return forms the portal files, one definition per tax type. Line
//! numbers and labels follow the paper forms where their text was found
//! (OS-114 Rev. 07/11, CT-941 2013, OP-153 and OP-337 instructions, OP-210
//! Rev. 03/15); `docs/tax-rules.md` says which numbering is the portal's own.

use super::definition::{
    Check, CheckRule, Column, Expr, FormCode, FormDefinition, Input, Line, LineKind, Supplied,
};
use crate::{rules::keys, tax::TaxType};

const fn entered(number: &'static str, key: &'static str, label: &'static str) -> Line {
    Line {
        number,
        key,
        label,
        per_column: false,
        kind: LineKind::Entered(Input::Amount),
    }
}

const fn counted(number: &'static str, key: &'static str, label: &'static str) -> Line {
    Line {
        number,
        key,
        label,
        per_column: false,
        kind: LineKind::Entered(Input::Count),
    }
}

const fn computed(
    number: &'static str,
    key: &'static str,
    label: &'static str,
    expr: Expr,
) -> Line {
    Line {
        number,
        key,
        label,
        per_column: false,
        kind: LineKind::Computed(expr),
    }
}

const fn supplied(
    number: &'static str,
    key: &'static str,
    label: &'static str,
    what: Supplied,
) -> Line {
    Line {
        number,
        key,
        label,
        per_column: false,
        kind: LineKind::Supplied(what),
    }
}

/// The same line with one box per rate column.
const fn per_column(line: Line) -> Line {
    Line {
        per_column: true,
        ..line
    }
}

use Expr::{AtLeastZero, ColumnTotal, Fee, Minus, Negate, Sum, TimesColumnRate, TimesRate};

const fn line(key: &'static str) -> Expr {
    Expr::Line(key)
}

pub static OS_114: FormDefinition = FormDefinition {
    code: FormCode::Os114,
    number: "OS-114",
    title: "Sales and Use Tax Return",
    tax_type: TaxType::SalesAndUse,
    columns: &[
        Column {
            code: "general",
            letter: "A",
            label: "General rate",
            rate: keys::SALES_USE_GENERAL,
        },
        Column {
            code: "meals",
            letter: "B",
            label: "Meals and beverages",
            rate: keys::SALES_USE_MEALS,
        },
        Column {
            code: "luxury",
            letter: "C",
            label: "Luxury goods",
            rate: keys::SALES_USE_LUXURY,
        },
        Column {
            code: "car_rental",
            letter: "D",
            label: "Rental of passenger motor vehicles",
            rate: keys::SALES_USE_CAR_RENTAL,
        },
    ],
    lines: &[
        per_column(entered("1", "line_1", "Gross receipts from sales of goods")),
        per_column(entered(
            "2",
            "line_2",
            "Gross receipts from leases and rentals",
        )),
        per_column(entered(
            "3",
            "line_3",
            "Gross receipts from labor and services",
        )),
        per_column(entered(
            "4",
            "line_4",
            "Goods purchased by your business subject to use tax",
        )),
        per_column(entered(
            "5",
            "line_5",
            "Leases and rentals subject to use tax",
        )),
        per_column(entered(
            "6",
            "line_6",
            "Services purchased by your business subject to use tax",
        )),
        per_column(computed(
            "7",
            "line_7",
            "Total: add Lines 1 through 6",
            Sum(&[
                line("line_1"),
                line("line_2"),
                line("line_3"),
                line("line_4"),
                line("line_5"),
                line("line_6"),
            ]),
        )),
        per_column(entered("8", "line_8", "Deductions (nontaxable sales only)")),
        per_column(computed(
            "9",
            "line_9",
            "Taxable amount: subtract Line 8 from Line 7 (not less than zero)",
            AtLeastZero(&Minus(&line("line_7"), &line("line_8"))),
        )),
        per_column(computed(
            "10a",
            "line_10a",
            "Tax: multiply Line 9 by the column's rate",
            TimesColumnRate("line_9"),
        )),
        computed(
            "10b",
            "line_10b",
            "Total tax: add Line 10a, all columns",
            ColumnTotal("line_10a"),
        ),
        supplied(
            "11",
            "line_11",
            "Tax paid on prior return (amended return only)",
            Supplied::TaxPaidOnPriorReturn,
        ),
        computed(
            "12",
            "line_12",
            "Net amount of tax due: subtract Line 11 from Line 10b",
            Minus(&line("line_10b"), &line("line_11")),
        ),
        supplied(
            "13",
            "line_13",
            "Interest and penalty",
            Supplied::PenaltyAndInterest,
        ),
        computed(
            "14",
            "line_14",
            "Total amount due: add Line 12 and Line 13",
            Sum(&[line("line_12"), line("line_13")]),
        ),
    ],
    checks: &[],
    tax_line: "line_12",
    total_due_line: "line_14",
};

pub static CT_941: FormDefinition = FormDefinition {
    code: FormCode::Ct941,
    number: "CT-941",
    title: "Connecticut Quarterly Reconciliation of Withholding",
    tax_type: TaxType::Withholding,
    columns: &[],
    lines: &[
        entered("1", "line_1", "Gross wages"),
        entered("2", "line_2", "Gross Connecticut wages"),
        entered("3", "line_3", "Connecticut tax withheld"),
        entered("4", "line_4", "Credit from prior quarter"),
        entered("5", "line_5", "Payments made for this quarter"),
        computed(
            "6",
            "line_6",
            "Total payments: add Line 4 and Line 5",
            Sum(&[line("line_4"), line("line_5")]),
        ),
        computed(
            "7",
            "line_7",
            "Net tax due (or credit): subtract Line 6 from Line 3",
            Minus(&line("line_3"), &line("line_6")),
        ),
        supplied("8", "line_8", "Penalty and interest", Supplied::PenaltyAndInterest),
        computed(
            "9",
            "line_9",
            "Credit to next quarter: the credit on Line 7 less Line 10",
            AtLeastZero(&Minus(&AtLeastZero(&Negate(&line("line_7"))), &line("line_10"))),
        ),
        entered("10", "line_10", "Credit to be refunded"),
        computed(
            "11",
            "line_11",
            "Total amount due: add Line 7 (if tax is due) and Line 8",
            Sum(&[AtLeastZero(&line("line_7")), line("line_8")]),
        ),
        entered("Month 1", "month_1", "Connecticut tax liability, first month of the quarter"),
        entered("Month 2", "month_2", "Connecticut tax liability, second month of the quarter"),
        entered("Month 3", "month_3", "Connecticut tax liability, third month of the quarter"),
        computed(
            "Total",
            "liability_total",
            "Total liability for the quarter: add the three months (must equal Line 3)",
            Sum(&[line("month_1"), line("month_2"), line("month_3")]),
        ),
    ],
    checks: &[
        Check {
            field: "line_2",
            rule: CheckRule::AtMost {
                value: line("line_2"),
                limit: line("line_1"),
            },
            message: "Line 2, gross Connecticut wages, cannot be more than Line 1, gross wages",
        },
        Check {
            field: "line_10",
            rule: CheckRule::AtMost {
                value: line("line_10"),
                limit: AtLeastZero(&Negate(&line("line_7"))),
            },
            message: "Line 10, the refund, cannot be more than the credit on Line 7",
        },
        Check {
            field: "month_1",
            rule: CheckRule::Equal {
                value: line("liability_total"),
                expected: line("line_3"),
            },
            message: "The quarter's liability, month by month, must add up to Line 3, Connecticut tax withheld",
        },
    ],
    tax_line: "line_3",
    total_due_line: "line_11",
};

pub static O_372: FormDefinition = FormDefinition {
    code: FormCode::O372,
    number: "O-372",
    title: "Admissions and Dues Tax Return",
    tax_type: TaxType::AdmissionsAndDues,
    columns: &[],
    lines: &[
        entered("1", "line_1", "Admission charges subject to tax"),
        computed(
            "2",
            "line_2",
            "Admissions tax: multiply Line 1 by the admissions tax rate",
            TimesRate("line_1", keys::ADMISSIONS),
        ),
        entered("3", "line_3", "Dues and initiation fees subject to tax"),
        computed(
            "4",
            "line_4",
            "Dues tax: multiply Line 3 by the dues tax rate",
            TimesRate("line_3", keys::DUES),
        ),
        computed(
            "5",
            "line_5",
            "Total tax: add Line 2 and Line 4",
            Sum(&[line("line_2"), line("line_4")]),
        ),
        supplied("6", "line_6", "Penalty", Supplied::Penalty),
        supplied("7", "line_7", "Interest", Supplied::Interest),
        computed(
            "8",
            "line_8",
            "Total amount due: add Lines 5, 6 and 7",
            Sum(&[line("line_5"), line("line_6"), line("line_7")]),
        ),
    ],
    checks: &[],
    tax_line: "line_5",
    total_due_line: "line_8",
};

pub static OP_374: FormDefinition = FormDefinition {
    code: FormCode::Op374,
    number: "OP-374",
    title: "Connecticut Dry Cleaning Establishment Surcharge Return",
    tax_type: TaxType::DryCleaningEstablishment,
    columns: &[],
    lines: &[
        entered(
            "1",
            "line_1",
            "Gross receipts at retail from dry cleaning services",
        ),
        computed(
            "2",
            "line_2",
            "Surcharge: multiply Line 1 by the surcharge rate",
            TimesRate("line_1", keys::DRY_CLEANING),
        ),
        supplied("3", "line_3", "Penalty", Supplied::Penalty),
        supplied("4", "line_4", "Interest", Supplied::Interest),
        computed(
            "5",
            "line_5",
            "Total amount due: add Lines 2, 3 and 4",
            Sum(&[line("line_2"), line("line_3"), line("line_4")]),
        ),
    ],
    checks: &[],
    tax_line: "line_2",
    total_due_line: "line_5",
};

pub static OP_153: FormDefinition = FormDefinition {
    code: FormCode::Op153,
    number: "OP-153",
    title: "Prepaid Wireless E 9-1-1 Fee Return",
    tax_type: TaxType::PrepaidWirelessE911,
    columns: &[],
    lines: &[
        counted(
            "1",
            "line_1",
            "Number of items of prepaid wireless telecommunications service sold at retail",
        ),
        computed(
            "2",
            "line_2",
            "Fee per item",
            Fee(keys::PREPAID_WIRELESS_FEE),
        ),
        computed(
            "3",
            "line_3",
            "Total fees collected: multiply Line 2 by Line 1",
            TimesRate("line_1", keys::PREPAID_WIRELESS_FEE),
        ),
        computed(
            "4",
            "line_4",
            "Seller's retention: multiply Line 3 by the retention rate",
            TimesRate("line_3", keys::PREPAID_WIRELESS_RETENTION),
        ),
        computed(
            "5",
            "line_5",
            "Fees due: subtract Line 4 from Line 3",
            Minus(&line("line_3"), &line("line_4")),
        ),
        supplied("6", "line_6", "Late payment penalty", Supplied::Penalty),
        supplied("7", "line_7", "Interest", Supplied::Interest),
        computed(
            "8",
            "line_8",
            "Total amount due: add Lines 5, 6 and 7",
            Sum(&[line("line_5"), line("line_6"), line("line_7")]),
        ),
    ],
    checks: &[],
    tax_line: "line_5",
    total_due_line: "line_8",
};

pub static OP_383: FormDefinition = FormDefinition {
    code: FormCode::Op383,
    number: "OP-383",
    title: "Rental Surcharge Annual Report",
    tax_type: TaxType::Rental,
    columns: &[],
    lines: &[
        entered(
            "1",
            "line_1",
            "Total charged to lessees for machinery rentals subject to the surcharge",
        ),
        computed(
            "2",
            "line_2",
            "Rental surcharge: multiply Line 1 by the surcharge rate",
            TimesRate("line_1", keys::RENTAL_MACHINERY),
        ),
        entered(
            "3",
            "line_3",
            "Personal property taxes and registration fees paid on the machinery",
        ),
        computed(
            "4",
            "line_4",
            "Surcharge due: subtract Line 3 from Line 2 (not less than zero)",
            AtLeastZero(&Minus(&line("line_2"), &line("line_3"))),
        ),
        supplied("5", "line_5", "Penalty", Supplied::Penalty),
        supplied("6", "line_6", "Interest", Supplied::Interest),
        computed(
            "7",
            "line_7",
            "Total amount due: add Lines 4, 5 and 6",
            Sum(&[line("line_4"), line("line_5"), line("line_6")]),
        ),
    ],
    checks: &[],
    tax_line: "line_4",
    total_due_line: "line_7",
};

pub static OP_210: FormDefinition = FormDefinition {
    code: FormCode::Op210,
    number: "OP-210",
    title: "Room Occupancy Tax Return",
    tax_type: TaxType::RoomOccupancy,
    columns: &[
        Column {
            code: "hotel",
            letter: "A",
            label: "Hotels and motels",
            rate: keys::ROOM_OCCUPANCY_HOTEL,
        },
        Column {
            code: "bed_and_breakfast",
            letter: "B",
            label: "Bed and breakfast establishments",
            rate: keys::ROOM_OCCUPANCY_BED_AND_BREAKFAST,
        },
    ],
    lines: &[
        per_column(entered(
            "1",
            "line_1",
            "Taxable receipts from room occupancy",
        )),
        per_column(computed(
            "2",
            "line_2",
            "Amount of tax due: multiply Line 1 by the column's rate",
            TimesColumnRate("line_1"),
        )),
        computed(
            "3",
            "line_3",
            "Total tax due: add Line 2, all columns",
            ColumnTotal("line_2"),
        ),
        supplied(
            "4",
            "line_4",
            "Penalty and interest",
            Supplied::PenaltyAndInterest,
        ),
        computed(
            "5",
            "line_5",
            "Total amount due: add Line 3 and Line 4",
            Sum(&[line("line_3"), line("line_4")]),
        ),
    ],
    checks: &[],
    tax_line: "line_3",
    total_due_line: "line_5",
};

pub static OP_337: FormDefinition = FormDefinition {
    code: FormCode::Op337,
    number: "OP-337",
    title: "Tourism Surcharge Return on the Rental or Leasing of Passenger Motor Vehicles",
    tax_type: TaxType::Tourism,
    columns: &[],
    lines: &[
        counted(
            "1",
            "line_1",
            "Number of days or parts of days passenger motor vehicles were rented or leased (30 days or less)",
        ),
        computed("2", "line_2", "Surcharge per day", Fee(keys::TOURISM_PER_DAY)),
        computed(
            "3",
            "line_3",
            "Surcharge: multiply Line 1 by Line 2",
            TimesRate("line_1", keys::TOURISM_PER_DAY),
        ),
        entered(
            "4",
            "line_4",
            "Credit for surcharges remitted on accounts written off as worthless",
        ),
        computed(
            "5",
            "line_5",
            "Surcharge due: subtract Line 4 from Line 3",
            Minus(&line("line_3"), &line("line_4")),
        ),
        supplied("6", "line_6", "Late payment penalty", Supplied::Penalty),
        supplied("7", "line_7", "Interest", Supplied::Interest),
        computed(
            "8",
            "line_8",
            "Total amount due: add Lines 5, 6 and 7",
            Sum(&[line("line_5"), line("line_6"), line("line_7")]),
        ),
    ],
    checks: &[Check {
        field: "line_4",
        rule: CheckRule::AtMost {
            value: line("line_4"),
            limit: line("line_3"),
        },
        message: "Line 4, the credit, cannot be more than the surcharge on Line 3",
    }],
    tax_line: "line_5",
    total_due_line: "line_8",
};

/// Every form the portal files.
pub static ALL: [&FormDefinition; 8] = [
    &OS_114, &CT_941, &O_372, &OP_374, &OP_153, &OP_383, &OP_210, &OP_337,
];

impl FormCode {
    pub fn definition(self) -> &'static FormDefinition {
        match self {
            FormCode::Os114 => &OS_114,
            FormCode::Ct941 => &CT_941,
            FormCode::O372 => &O_372,
            FormCode::Op374 => &OP_374,
            FormCode::Op153 => &OP_153,
            FormCode::Op383 => &OP_383,
            FormCode::Op210 => &OP_210,
            FormCode::Op337 => &OP_337,
        }
    }

    /// The form a tax type files; `None` for one the portal does not file yet
    /// (Withholding Non-Wage files CT-945 with the bulk-filing work).
    pub fn for_tax_type(tax_type: TaxType) -> Option<Self> {
        ALL.iter().find(|f| f.tax_type == tax_type).map(|f| f.code)
    }
}
