//! Hydrology: the record of annual inflows (`record`) and the design years derived from it by
//! frequency analysis (`design_years`), and how a year's water moves prices (`prices`).

pub mod design_years;
pub mod prices;
pub mod record;
