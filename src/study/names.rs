//! The words a scenario gives its output: its `lang` and the labels of its nodes, lines and
//! options (`output::names::FolderNames`), for the folders and printed tables of every command.

use crate::output::names::FolderNames;
use crate::scenario::LoadedScenario;

/// A scenario's `lang`, labels and generator keys, as a compare or sweep folder keeps them and
/// as the printed tables use them.
pub fn of(loaded: &LoadedScenario) -> FolderNames {
    let rows = crate::scenario::assumptions::extract(&loaded.files);
    let values = rows.iter().map(|a| (a.key.as_str(), a.value.as_str()));
    FolderNames::from_values(values, loaded.scenario.lang)
}
