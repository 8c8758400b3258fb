//! Hydrology beyond scaling one year: design years from a frequency analysis of the record.
//! (Stub at the path and signature branch `hydro` fills; replaced by its file at merge.)

pub mod design_years;
