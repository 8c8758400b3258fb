//! spillway: where should a hydro-rich region put the energy it spills in the flood season?
//!
//! A capacity-expansion linear program (transmission, electrolysis, data centres and
//! energy-intensive industry) over a year of hourly (or coarser) steps. See `docs/model.md`
//! for every equation and README.md for the commands.

pub mod breakeven;
pub mod charts;
pub mod cli;
pub mod cli_studies;
pub mod compare;
pub mod error;
pub mod finance;
pub mod hydrology;
pub mod i18n;
pub mod input_file;
pub mod inputs;
pub mod model;
pub mod output;
pub mod plausible;
pub mod print;
pub mod print_zh;
pub mod report;
pub mod results;
pub mod run;
pub mod scenario;
pub mod series;
pub mod solve;
pub mod status;
pub mod study;
pub mod sweep;

pub use error::{Error, Result};
