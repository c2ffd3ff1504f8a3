//! Fact sheets: read and checked against the ontology, every finding placed in the file.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, FactSheet, PositionIndex};
use crate::ontology::{self, Ontology};

/// Reads and checks one sheet. `Ok` carries warnings; `Err` carries at least one error.
pub fn check_sheet(
    name: &str,
    bytes: &[u8],
    ontology: &Ontology,
    lenient: bool,
) -> Result<(FactSheet, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = model::decode(name, bytes).map_err(|d| vec![*d])?;
    let sheet = model::parse_sheet(name, text).map_err(|d| vec![*d])?;
    let findings = ontology::validate(&sheet, ontology, lenient);
    if findings.is_empty() {
        return Ok((sheet, Vec::new()));
    }
    let index = PositionIndex::new(text);
    let diagnostics: Vec<Diagnostic> = findings
        .into_iter()
        .map(|finding| Diagnostic {
            severity: finding.severity,
            source: name.to_owned(),
            position: Some(index.position_of_pointer(&finding.pointer)),
            pointer: Some(finding.pointer),
            message: finding.message,
            help: finding.help,
        })
        .collect();
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics)
    } else {
        Ok((sheet, diagnostics))
    }
}
