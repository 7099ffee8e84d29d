//! The rate keys the forms name. A form line says which key it multiplies by;
//! the rows say what the key is worth on a date. No code branches on them.

pub const SALES_USE_GENERAL: &str = "sales_and_use.general";
pub const SALES_USE_MEALS: &str = "sales_and_use.meals_and_beverages";
pub const SALES_USE_LUXURY: &str = "sales_and_use.luxury";
pub const SALES_USE_CAR_RENTAL: &str = "sales_and_use.passenger_motor_vehicle_rental";
pub const ADMISSIONS: &str = "admissions_and_dues.admissions";
pub const DUES: &str = "admissions_and_dues.dues";
pub const DRY_CLEANING: &str = "dry_cleaning.surcharge";
pub const PREPAID_WIRELESS_FEE: &str = "prepaid_wireless.e911_fee";
pub const PREPAID_WIRELESS_RETENTION: &str = "prepaid_wireless.seller_retention";
pub const RENTAL_MACHINERY: &str = "rental.machinery";
pub const ROOM_OCCUPANCY_HOTEL: &str = "room_occupancy.hotel";
pub const ROOM_OCCUPANCY_BED_AND_BREAKFAST: &str = "room_occupancy.bed_and_breakfast";
pub const TOURISM_PER_DAY: &str = "tourism.per_day";
