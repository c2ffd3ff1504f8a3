//! Pin files: identities a person fixes, which every sheet's entities are resolved against.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, quoted};
use crate::model::{self, PositionIndex};
use crate::ontology::Ontology;
use crate::resolve::Mention;

use super::{Error, Report};

/// The name of a pin file: where it appears among the inputs, it pins identities instead of
/// describing an article.
pub const ALIAS_FILE_NAME: &str = "aliases.json";

/// A pin file: `{"entities": [{"name", "type", "aliases", "sameAs"}]}`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    entities: Vec<PinnedEntity>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PinnedEntity {
    name: String,
    #[serde(rename = "type")]
    class: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default, rename = "sameAs")]
    same_as: Vec<String>,
}

pub(super) fn read_pins(
    paths: &[PathBuf],
    ontology: &Ontology,
    report: &mut Report,
) -> Result<(Vec<Mention>, Vec<u8>), Error> {
    let mut pins = Vec::new();
    let mut all_bytes = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        all_bytes.extend_from_slice(&bytes);
        let text = match model::decode(&name, &bytes) {
            Ok(text) => text,
            Err(diagnostic) => {
                report.diagnostics.push(*diagnostic);
                continue;
            }
        };
        let shape = r#"{"entities": [{"name": "…", "type": "Company", "aliases": ["…"]}]}"#;
        let file: AliasFile = match model::parse_object(&name, text, shape) {
            Ok(file) => file,
            Err(diagnostic) => {
                report.diagnostics.push(*diagnostic);
                continue;
            }
        };
        let index = PositionIndex::new(text);
        for (i, pinned) in file.entities.into_iter().enumerate() {
            match ontology.class(&pinned.class) {
                Some(class) if !class.is_abstract => {
                    let entity = model::Entity {
                        id: String::new(),
                        name: pinned.name,
                        class: pinned.class,
                        aliases: pinned.aliases,
                        same_as: pinned.same_as,
                    };
                    pins.push(Mention::from_entity(&entity));
                }
                _ => {
                    let pointer = format!("/entities/{i}/type");
                    report.diagnostics.push(
                        Diagnostic::error(&name, format!("unknown or abstract class {}", quoted(&pinned.class)))
                            .at(index.position_of_pointer(&pointer))
                            .with_pointer(pointer)
                            .with_help("use a class of ontology/factgraph.ttl such as Person, Company or Country"),
                    );
                }
            }
        }
    }
    Ok((pins, all_bytes))
}
