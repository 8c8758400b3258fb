//! Hydrology: the record of annual inflows (`record`) and the design years derived from it by
//! frequency analysis (`design_years`).

pub mod design_years;
pub mod record;
