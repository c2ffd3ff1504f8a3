//! The entities of a projection: IRI, label and aliases of each in one string, cut by offsets,
//! and the class by number. Half a million entities are otherwise a million and a half small
//! strings, each with its own allocation, and the largest share of a sparse graph's memory
//! after its edges.

use oxigraph::model::NamedNodeRef;

use super::Entity;

/// An entity of the projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityRef<'a> {
    pub iri: NamedNodeRef<'a>,
    pub label: &'a str,
    /// The most specific class stated (local name), or `Entity` if none.
    pub class: &'a str,
    pub aliases: Aliases<'a>,
}

impl<'a> EntityRef<'a> {
    pub fn to_owned(self) -> Entity {
        Entity {
            iri: self.iri.into_owned(),
            label: self.label.to_owned(),
            class: self.class.into(),
            aliases: self.aliases.iter().map(str::to_owned).collect(),
        }
    }

    /// The label, then each alias.
    pub fn names(self) -> impl Iterator<Item = &'a str> {
        std::iter::once(self.label).chain(self.aliases.iter())
    }
}

/// An entity's aliases, sorted.
#[derive(Clone, Copy)]
pub struct Aliases<'a> {
    text: &'a str,
    start: usize,
    ends: &'a [usize],
}

impl<'a> Aliases<'a> {
    pub fn len(self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(self) -> bool {
        self.ends.is_empty()
    }

    pub fn first(self) -> Option<&'a str> {
        self.iter().next()
    }

    pub fn join(self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    pub fn iter(self) -> impl Iterator<Item = &'a str> + Clone {
        self.ends.iter().scan(self.start, move |start, &end| {
            let alias = &self.text[*start..end];
            *start = end;
            Some(alias)
        })
    }
}

impl std::fmt::Debug for Aliases<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Equal when they hold the same aliases, wherever each is kept.
impl PartialEq for Aliases<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Aliases<'_> {}

impl serde::Serialize for Aliases<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[derive(Debug, Clone)]
pub(super) struct Entities {
    text: String,
    /// Where each entity's IRI, label and aliases end in `text`, entity after entity; each
    /// starts where the one before ends.
    ends: Vec<usize>,
    /// Where each entity's ends begin in `ends`; one more than there are entities.
    firsts: Vec<usize>,
    classes: Vec<u16>,
    class_names: Vec<Box<str>>,
}

impl Default for Entities {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

impl Entities {
    pub(super) fn with_capacity(entities: usize) -> Self {
        let mut firsts = Vec::with_capacity(entities + 1);
        firsts.push(0);
        Self {
            text: String::new(),
            ends: Vec::new(),
            firsts,
            classes: Vec::with_capacity(entities),
            class_names: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.classes.len()
    }

    pub(super) fn push<'a>(
        &mut self,
        iri: &'a str,
        label: &'a str,
        class: &str,
        aliases: impl Iterator<Item = &'a str>,
    ) {
        for part in [iri, label].into_iter().chain(aliases) {
            self.text.push_str(part);
            self.ends.push(self.text.len());
        }
        self.firsts.push(self.ends.len());
        let class = match self.class_names.iter().position(|c| **c == *class) {
            Some(known) => known,
            None => {
                self.class_names.push(class.into());
                self.class_names.len() - 1
            }
        };
        // The ontology has dozens of classes, not tens of thousands.
        self.classes.push(u16::try_from(class).unwrap_or(u16::MAX));
    }

    pub(super) fn get(&self, index: usize) -> EntityRef<'_> {
        let (first, next) = (self.firsts[index], self.firsts[index + 1]);
        let start = first.checked_sub(1).map_or(0, |before| self.ends[before]);
        let (iri_end, label_end) = (self.ends[first], self.ends[first + 1]);
        let class = self.classes[index] as usize;
        EntityRef {
            iri: NamedNodeRef::new_unchecked(&self.text[start..iri_end]),
            label: &self.text[iri_end..label_end],
            class: self.class_names.get(class).map_or("Entity", |c| c),
            aliases: Aliases {
                text: &self.text,
                start: label_end,
                ends: &self.ends[first + 2..next],
            },
        }
    }

    /// Call once every entity is pushed: trims the lists.
    pub(super) fn finish(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.firsts.shrink_to_fit();
        self.classes.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;

    fn entity(iri: &str, label: &str, class: &str, aliases: &[&str]) -> Entity {
        Entity {
            iri: NamedNode::new_unchecked(iri),
            label: label.to_owned(),
            class: class.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    #[test]
    fn entities_come_back_as_pushed() {
        let pushed = [
            entity("urn:e:trump", "Donald Trump", "Person", &["Trump", "DJT"]),
            entity("urn:e:alipay", "Alipay", "Product", &[]),
            entity("urn:e:ant", "", "Organization", &["Ant Financial"]),
            entity("urn:e:x", "X", "Person", &[""]),
        ];
        let mut entities = Entities::default();
        for e in &pushed {
            entities.push(
                e.iri.as_str(),
                &e.label,
                &e.class,
                e.aliases.iter().map(String::as_str),
            );
        }
        entities.finish();
        assert_eq!(entities.len(), pushed.len());
        for (index, e) in pushed.iter().enumerate() {
            assert_eq!(entities.get(index).to_owned(), *e);
        }
        let trump = entities.get(0);
        assert_eq!(trump.aliases.len(), 2);
        assert_eq!(format!("{:?}", trump.aliases), r#"["Trump", "DJT"]"#);
        assert_eq!(trump.aliases, trump.aliases);
        assert_ne!(trump.aliases, entities.get(2).aliases);
        assert_eq!(
            trump.names().collect::<Vec<_>>(),
            ["Donald Trump", "Trump", "DJT"]
        );
        assert!(entities.get(1).aliases.is_empty());
        // Two Person entities share one class name.
        assert_eq!(entities.class_names.len(), 3);
    }
}
