//! What every chart of a sweep shares: its table with the design points, the context line
//! under every subtitle, and the axis titles and colours that must agree across charts.

use super::read::{DesignPoint, SweepFiles};
use super::units::named_value;
use crate::charts::{palette, Labels};
use crate::output::sweep::OBJECTIVE_CNY;

/// Spilled over the year, in the flood season, clipped: the same in every curtailment chart.
pub const SPILL_COLOURS: [plotters::style::RGBColor; 3] =
    [palette::VERMILLION, palette::BLUE, palette::GREY];
pub const OBJECTIVE_AXIS: &str = "objective (M CNY/yr; negative = net revenue)";
pub const CAPACITY_AXIS: &str = "new capacity (MW)";
pub const CURTAILMENT_AXIS: &str = "curtailment (TWh/yr)";

/// A sweep's table with its design points, shared by every chart.
pub struct Ctx<'a> {
    pub t: &'a SweepFiles,
    pub dps: Vec<DesignPoint>,
    pub varied: Vec<usize>,
    /// Under every subtitle: base scenario, points, resolution (and the mean over years).
    pub context: String,
    /// The design charts' context: with years, each design point is a mean over them.
    pub design_context: String,
}

impl Ctx<'_> {
    /// An output over the design points (scaled: objective in M CNY).
    pub fn design(&self, name: &str) -> Vec<f64> {
        let scale = if name == OBJECTIVE_CNY { 1e-6 } else { 1.0 };
        self.dps
            .iter()
            .map(|d| self.t.design_value(d, name) * scale)
            .collect()
    }

    /// Options built (above 1 MW) at some point.
    pub fn built_options(&self) -> Vec<String> {
        super::decisions::built_options(self.t)
    }

    /// A design point in words: the parameters that vary, each by name and value.
    pub fn label(&self, dp: &DesignPoint) -> String {
        if self.varied.is_empty() {
            return "base".into();
        }
        self.varied
            .iter()
            .map(|j| named_value(&self.t.meta.parameters[*j], &dp.params[*j]))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn labels<'b>(&self, title: &'b str, sub: &'b str, x: &'b str, y: &'b str) -> Labels<'b> {
        Labels {
            title,
            subtitle: sub,
            x_axis: x,
            y_axis: y,
        }
    }
}
