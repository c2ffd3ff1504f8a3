//! The entities of one article and what refers to them: a name said again, a surname after
//! the full name ("Bingaman"), a shorter form of a company's name ("Upstate Milk"), an
//! acronym given in brackets, a description ("the bank", "the Department") and "he" or "she".

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use super::KnownName;
use super::lexicon::Rules;
use crate::ontology::Ontology;
use crate::text::fold;

/// An entity of the article being read.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    /// `None` until its words, reference data or a fact give it one.
    pub class: Option<String>,
    pub aliases: BTreeSet<String>,
    pub same_as: Vec<String>,
    /// Every mention was in a headline or a line of capitals.
    pub weak: bool,
    /// Only described so far ("an executive order"): the sentence of the description.
    pub unnamed: Option<usize>,
    /// The named entity an unnamed one turned out to be.
    pub same_as_entity: Option<usize>,
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    Name,
    /// "the bank", "the Department".
    Description,
    /// "he", "she".
    Pronoun,
}

/// A mention in a sentence: token range and entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub reference: Reference,
}

/// The per-article state: its entities so far and the order they were mentioned in.
pub struct Document<'a> {
    rules: &'a Rules,
    ontology: &'a Ontology,
    known: &'a HashMap<String, usize>,
    known_names: &'a [KnownName],
    pub entities: Vec<Entity>,
    by_name: HashMap<String, usize>,
    /// Entities in the order of their mentions, latest last.
    recent: Vec<usize>,
    /// The sentence being read.
    sentence: usize,
    /// An entity named with another inside its name ("Secretary of the Army", "U.S. District
    /// Court in Rochester") → how it relates to it, and that entity.
    inner: HashMap<usize, (&'static str, usize)>,
    /// The parties of the deal named last: what "the proposed acquisition" is of.
    pub last_deal: Vec<usize>,
    /// Whose words the article is, as its title says ("Statement by Secretary Pompeo"): what
    /// "I" outside a quotation refers to.
    pub author: Option<usize>,
    /// The person quoted last: what "I" in a quotation without a speaker of its own refers to.
    pub speaker: Option<usize>,
}

/// How far back a description or pronoun looks for what it refers to.
const REACH: usize = 40;

impl<'a> Document<'a> {
    pub fn new(
        rules: &'a Rules,
        ontology: &'a Ontology,
        known: &'a HashMap<String, usize>,
        known_names: &'a [KnownName],
    ) -> Self {
        Self {
            rules,
            ontology,
            known,
            known_names,
            entities: Vec::new(),
            by_name: HashMap::default(),
            recent: Vec::new(),
            sentence: 0,
            inner: HashMap::default(),
            last_deal: Vec::new(),
            author: None,
            speaker: None,
        }
    }

    pub fn mentioned(&mut self, entity: usize) {
        self.recent.push(entity);
    }

    fn enter(
        &mut self,
        name: &str,
        class: Option<String>,
        same_as: Vec<String>,
        weak: bool,
    ) -> usize {
        let index = self.entities.len();
        self.entities.push(Entity {
            name: name.to_owned(),
            class,
            aliases: BTreeSet::new(),
            same_as,
            weak,
            unnamed: None,
            same_as_entity: None,
        });
        self.by_name.insert(self.rules.name_key(name), index);
        self.name_unnamed(index);
        index
    }

    /// "an executive order" in sentence `sentence`: an entity until a name turns up.
    pub fn unnamed(&mut self, noun: &str, class: &str) -> usize {
        let index = self.entities.len();
        self.entities.push(Entity {
            name: noun.to_owned(),
            class: Some(class.to_owned()),
            aliases: BTreeSet::new(),
            same_as: Vec::new(),
            weak: false,
            unnamed: Some(self.sentence),
            same_as_entity: None,
        });
        index
    }

    /// A new named entity is the unnamed one described in the last few sentences whose noun
    /// its name holds ("Executive Order 13971" for "an executive order").
    fn name_unnamed(&mut self, named: usize) {
        let (name, class) = (
            self.entities[named].name.to_lowercase(),
            self.entities[named].class.clone(),
        );
        let window = self.rules.unnamed_window;
        let sentence = self.sentence;
        let found = self.entities.iter().position(|entity| {
            entity.same_as_entity.is_none()
                && entity.unnamed.is_some_and(|at| sentence <= at + window)
                && entity.class == class
                && entity
                    .name
                    .split(' ')
                    .next_back()
                    .is_some_and(|noun| name.split(' ').any(|w| w == noun))
        });
        if let Some(unnamed) = found {
            self.entities[unnamed].same_as_entity = Some(named);
        }
    }

    /// Records the name inside an entity's name, and how the entity relates to it.
    pub fn set_inner(&mut self, entity: usize, predicate: &'static str, part: usize) {
        self.inner.insert(entity, (predicate, part));
    }

    pub fn inner(&self, entity: usize) -> Option<(&'static str, usize)> {
        self.inner.get(&entity).copied()
    }

    /// What a position named with "of" is of.
    pub fn position_of(&self, position: usize) -> Option<usize> {
        self.inner(position)
            .filter(|(predicate, _)| *predicate == "positionIn")
            .map(|(_, of)| of)
    }

    /// Sets the sentence being read.
    pub fn at_sentence(&mut self, sentence: usize) {
        self.sentence = sentence;
    }

    /// Records `surface` as another name of `entity`.
    pub fn alias(&mut self, entity: usize, surface: &str) {
        let folded = self.rules.name_key(surface);
        self.by_name.entry(folded).or_insert(entity);
        if surface != self.entities[entity].name {
            self.entities[entity].aliases.insert(surface.to_owned());
        }
    }

    fn refine(&mut self, entity: usize, class: Option<&str>, weak: bool) {
        let current = &mut self.entities[entity];
        current.weak &= weak;
        if let Some(class) = class {
            match &current.class {
                None => current.class = Some(class.to_owned()),
                // A name typed only by its head noun gives way to a narrower class.
                Some(old) if self.ontology.is_subclass_of(class, old) => {
                    current.class = Some(class.to_owned());
                }
                _ => {}
            }
        }
    }

    /// The entity a name stands for, entered if new.
    pub fn name(
        &mut self,
        surface: &str,
        class: Option<&str>,
        country: Option<usize>,
        weak: bool,
    ) -> usize {
        if let Some(country) = country {
            let reference = &self.rules.country_names[country];
            let (name, same_as) = (reference.name.clone(), reference.same_as.clone());
            let entity = self.named_as(&name, Some("Country"), same_as, weak, surface);
            self.refine(entity, None, weak);
            return entity;
        }
        if let Some(state) = self.rules.state_abbreviations.get(surface).cloned() {
            return self.named_as(&state, Some("Region"), Vec::new(), weak, surface);
        }
        let folded = self.rules.name_key(surface);
        if let Some(&entity) = self.by_name.get(&folded) {
            self.refine(entity, class, weak);
            // "U.S. DEPARTMENT OF JUSTICE" after "U.S. Dep't of Justice": the same name,
            // written out, is one of its names too.
            let known = &self.entities[entity];
            let abbreviated = |name: &str| name.contains(['.', '\'', '’']);
            let written_out = surface != known.name
                && !known.aliases.contains(surface)
                && (abbreviated(surface) || abbreviated(&known.name))
                && {
                    let folded_surface = fold(surface);
                    folded_surface != fold(&known.name)
                        && !known
                            .aliases
                            .iter()
                            .any(|alias| fold(alias) == folded_surface)
                };
            if written_out {
                self.entities[entity].aliases.insert(surface.to_owned());
            }
            return entity;
        }
        if let Some(&known) = self.known.get(&folded) {
            let known = &self.known_names[known];
            let (name, class, same_as, aliases) = (
                known.name.clone(),
                known.class.clone(),
                known.same_as.clone(),
                known.aliases.clone(),
            );
            let entity = self.named_as(&name, Some(&class), same_as, weak, surface);
            for alias in aliases {
                self.alias(entity, &alias);
            }
            return entity;
        }
        if let Some(entity) = self
            .earlier_full_name(surface, class)
            .or_else(|| self.earlier_by_initials(surface))
        {
            self.alias(entity, surface);
            self.refine(entity, None, weak);
            return entity;
        }

        // "United States of America v. Alcoa Inc." is the case "United States v. Alcoa Inc."
        if let Some(&entity) = self
            .case_by_country_name(surface)
            .and_then(|case| self.by_name.get(&self.rules.name_key(&case)))
        {
            self.alias(entity, surface);
            return entity;
        }
        let shorts = self.short_forms(surface, class);
        // "U.S. Department of Commerce" after a headline's "Department of Commerce": the
        // name in full is the one said before in short, and now its name.
        let said_short = shorts.iter().find_map(|short| {
            self.by_name
                .get(&self.rules.name_key(short))
                .copied()
                .filter(|&entity| {
                    self.entities[entity].same_as_entity.is_none()
                        && self.entities[entity].class.as_deref().is_none_or(|theirs| {
                            class.is_none_or(|c| self.ontology.compatible(c, theirs))
                        })
                })
        });
        let said_short = said_short.or_else(|| self.earlier_acronym(surface, class));
        if let Some(entity) = said_short {
            // A caption's capitals do not replace a name written in mixed case.
            if surface.chars().any(char::is_lowercase) {
                let short = std::mem::replace(&mut self.entities[entity].name, surface.to_owned());
                self.entities[entity].aliases.remove(surface);
                self.entities[entity].aliases.insert(short);
            }
            self.alias(entity, surface);
            self.refine(entity, class, weak);
            for short in shorts {
                self.alias(entity, &short);
            }
            return entity;
        }
        let entity = self.enter(surface, class.map(str::to_owned), Vec::new(), weak);
        for short in shorts {
            self.alias(entity, &short);
        }
        entity
    }

    /// Other names an organisation goes by that its own name implies: without a leading
    /// "U.S." ("Department of Defense") and without a legal suffix ("Xiaomi" for "Xiaomi
    /// Corp").
    fn short_forms(&self, surface: &str, class: Option<&str>) -> Vec<String> {
        if let Some(case) = self.case_by_country_name(surface) {
            return vec![case];
        }
        let organisation = class.is_some_and(|c| self.ontology.is_subclass_of(c, "Organization"));
        if !organisation {
            return Vec::new();
        }
        let mut forms = Vec::new();
        for prefix in ["U.S. ", "US ", "United States "] {
            if let Some(rest) = surface.strip_prefix(prefix) {
                if rest.contains(' ') {
                    forms.push(rest.to_owned());
                }
            }
        }
        // "Dow Jones and Company", "Smith & Co.": the firm without its "and Company".
        for joint in [" and Company", " & Company", " and Co.", " & Co."] {
            if let Some(rest) = surface.strip_suffix(joint) {
                forms.push(rest.to_owned());
            }
        }
        if let Some((rest, last)) = surface.rsplit_once(' ') {
            let suffix = last.trim_end_matches(',').to_lowercase();
            if self.rules.legal_suffixes.contains(&suffix) {
                let rest = rest.trim_end_matches(',');
                if !rest.is_empty() && !self.rules.function_words.contains(&rest.to_lowercase()) {
                    forms.push(rest.to_owned());
                }
            }
        }
        forms
    }

    /// A case's name with its first party, a country however written, under the country's
    /// own name: "United States of America v. Alcoa Inc." → "United States v. Alcoa Inc.".
    fn case_by_country_name(&self, surface: &str) -> Option<String> {
        // Bytes, not a substring search: most names are no case's, and this runs for each.
        let bytes = surface.as_bytes();
        let at = (1..bytes.len().saturating_sub(2)).find(|&k| &bytes[k - 1..k + 3] == b" v. ")?;
        let (party, rest) = (&surface[..at - 1], &surface[at + 3..]);
        let &country = self.rules.countries.get(party)?;
        let name = &self.rules.country_names[country].name;
        (name != party).then(|| format!("{name} v. {rest}"))
    }

    /// The entity reference data names (`canonical`), mentioned as `surface`.
    pub fn canonical(&mut self, canonical: &str, surface: &str, class: Option<&str>) -> usize {
        self.named_as(canonical, class, Vec::new(), false, surface)
    }

    /// The entity called `name`, entered if new, with `surface` as another of its names.
    fn named_as(
        &mut self,
        name: &str,
        class: Option<&str>,
        same_as: Vec<String>,
        weak: bool,
        surface: &str,
    ) -> usize {
        let entity = match self.by_name.get(&self.rules.name_key(name)) {
            Some(&entity) => entity,
            None => self.enter(name, class.map(str::to_owned), same_as, weak),
        };
        self.alias(entity, surface);
        entity
    }

    /// A surname after the person's full name, or the first words of an organisation's name
    /// after the whole ("Upstate Milk" after "Upstate Milk Cooperatives Inc.").
    fn earlier_full_name(&self, surface: &str, class: Option<&str>) -> Option<usize> {
        let one_word = !surface.contains(' ');
        // "Moore" after "Tom Moore" is the person, though a town in the reference data has
        // that name: a surname said again is likelier than a town of that name.
        let person_like = matches!(class, None | Some("Person" | "City"));
        let first_word = surface.split(' ').next().unwrap_or(surface);
        let leads_with_function_word = self
            .rules
            .function_words
            .contains(crate::text::lower_case(first_word).as_ref());
        // Compared in place, with no word lists: this runs against every earlier entity for
        // every new name in a document.
        self.entities.iter().rposition(|entity| {
            let theirs = entity.name.as_str();
            match entity.class.as_deref() {
                // "Teo" after "Alfred S. Teo, Sr."; a caption's stray "SR." after it too.
                Some("Person") => {
                    person_like
                        && one_word
                        && theirs.rsplit_once(' ').is_some_and(|(_, last)| {
                            // "Belizan" after "MONICA BELIZAN": a caption's capitals.
                            last.trim_end_matches(',').eq_ignore_ascii_case(surface)
                                || self
                                    .surname(theirs)
                                    .is_some_and(|last| last.eq_ignore_ascii_case(surface))
                        })
                }
                // Their words start with all of ours and go on.
                Some(theirs_class) => {
                    !leads_with_function_word
                        && theirs.len() > surface.len()
                        && theirs.starts_with(surface)
                        && theirs.as_bytes()[surface.len()] == b' '
                        && self.ontology.is_subclass_of(theirs_class, "Organization")
                        && class.is_none_or(|c| self.ontology.compatible(c, theirs_class))
                }
                None => false,
            }
        })
    }

    /// "Nuclear Regulatory Commission" after a headline's "NRC": an organisation's name in
    /// full whose capitalised words' initials spell an acronym said before.
    fn earlier_acronym(&self, surface: &str, class: Option<&str>) -> Option<usize> {
        if !class.is_some_and(|c| self.ontology.is_subclass_of(c, "Organization")) {
            return None;
        }
        let initials: String = capitalised_words(surface)
            .filter_map(|word| word.chars().next().filter(char::is_ascii_uppercase))
            .collect();
        if !(2..=6).contains(&initials.len()) || !surface.contains(' ') {
            return None;
        }
        let entity = *self.by_name.get(&self.rules.name_key(&initials))?;
        let said = &self.entities[entity];
        (said.name == initials
            && said.same_as_entity.is_none()
            && said
                .class
                .as_deref()
                .is_none_or(|theirs| self.ontology.is_subclass_of(theirs, "Organization")))
        .then_some(entity)
    }

    /// "NPP" after "New Patriotic Party": an acronym made of the initials of the capitalised
    /// words of an organisation named before, when no bracket said so.
    fn earlier_by_initials(&self, surface: &str) -> Option<usize> {
        let acronym =
            (2..=6).contains(&surface.len()) && surface.bytes().all(|b| b.is_ascii_uppercase());
        if !acronym {
            return None;
        }
        let initials_match = |name: &str| {
            let mut initials = capitalised_words(name).map(|word| word.as_bytes()[0]);
            surface.bytes().all(|b| initials.next() == Some(b)) && initials.next().is_none()
        };
        self.entities.iter().rposition(|entity| {
            entity.same_as_entity.is_none()
                && entity
                    .class
                    .as_deref()
                    .is_some_and(|class| self.ontology.is_subclass_of(class, "Organization"))
                && (initials_match(&entity.name)
                    || entity.aliases.iter().any(|a| initials_match(a)))
        })
    }

    /// The last word of a person's name before any generational suffix ("Teo" of "Alfred S.
    /// Teo, Sr."), if the name has more than one word.
    fn surname<'n>(&self, name: &'n str) -> Option<&'n str> {
        let (rest, last) = name.rsplit_once(' ')?;
        let generational = last.len() <= 3
            && self
                .rules
                .generational_suffixes
                .contains(&last.to_lowercase());
        if generational {
            return rest
                .trim_end_matches(',')
                .rsplit_once(' ')
                .map(|(_, surname)| surname);
        }
        Some(last.trim_end_matches(','))
    }

    /// A judge named in an opinion's panel or author line, written as a sentence would
    /// write the name ("Irving R. Kaufman" for "IRVING R. KAUFMAN"): a person, whatever the
    /// look of the name suggested ("KEARSE" an acronym), and the one named by surname alone
    /// before ("KAUFMAN").
    pub fn judge(&mut self, written: &str) -> usize {
        let entity = self.name(written, Some("Person"), None, false);
        self.entities[entity].class = Some("Person".to_owned());
        let current = self.entities[entity].name.clone();
        if current != written && current.to_uppercase() == current {
            self.entities[entity].name = written.to_owned();
            self.entities[entity].aliases.insert(current);
        }
        let Some((_, last)) = written.rsplit_once(' ') else {
            return entity;
        };
        let last = self.rules.name_key(last);
        let surname = self.entities.iter().position(|other| {
            other.class.as_deref() == Some("Person")
                && other.same_as_entity.is_none()
                && !other.name.contains(' ')
                && self.rules.name_key(&other.name) == last
        });
        if let Some(surname) = surname.filter(|&other| other != entity) {
            let said = self.entities[surname].name.clone();
            self.entities[surname].same_as_entity = Some(entity);
            self.entities[surname].class = None;
            self.entities[entity].aliases.insert(said.clone());
            self.by_name.insert(self.rules.name_key(&said), entity);
        }
        entity
    }

    /// Whether the article or reference data already knows the name.
    pub fn knows(&self, surface: &str) -> bool {
        let folded = self.rules.name_key(surface);
        self.by_name.contains_key(&folded) || self.known.contains_key(&folded)
    }

    /// The entity a name already stands for in this article.
    pub fn named(&self, surface: &str) -> Option<usize> {
        self.by_name.get(&self.rules.name_key(surface)).copied()
    }

    /// An acronym in brackets after a name: another name of it.
    pub fn acronym(&mut self, entity: usize, acronym: &str) {
        self.alias(entity, acronym);
    }

    /// What "the <noun>" refers to: the latest entity whose class the noun's fits.
    pub fn description(&self, noun: &str) -> Option<usize> {
        let class = self
            .rules
            .description_nouns
            .get(noun)
            .map(String::as_str)
            .or_else(|| self.rules.head_class(noun))?;
        let fits = |entity: &Entity| {
            entity
                .class
                .as_deref()
                .is_some_and(|c| self.ontology.is_subclass_of(c, class))
        };
        // "NASA … the agency's Glenn Research Center": an organisation no word typed further
        // is what the noun says it is, when no better-typed one came before.
        let untyped_organisation = |entity: &Entity| {
            entity.class.as_deref() == Some("Organization")
                && self.ontology.is_subclass_of(class, "Organization")
        };
        self.description_in_name(noun)
            .or_else(|| self.latest(fits))
            .or_else(|| self.latest(untyped_organisation))
    }

    /// The latest entity whose name holds the noun: "the Department" after "the Department of
    /// Justice".
    pub fn description_in_name(&self, noun: &str) -> Option<usize> {
        self.latest(|entity| {
            entity
                .name
                .split(' ')
                .any(|word| word.eq_ignore_ascii_case(noun))
        })
    }

    /// What "he" or "she" refers to: the latest person.
    pub fn person(&self) -> Option<usize> {
        self.latest(|entity| entity.class.as_deref() == Some("Person"))
    }

    fn latest(&self, fits: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.recent
            .iter()
            .rev()
            .take(REACH)
            .copied()
            .find(|&e| fits(&self.entities[e]))
    }

    /// A class for an entity that nothing typed, from the slot of a fact it fills.
    pub fn type_by_slot(&mut self, entity: usize, allowed: &[String]) {
        if self.entities[entity].class.is_some() {
            return;
        }
        let class = [
            "Organization",
            "Person",
            "Product",
            "LegalInstrument",
            "Place",
            "Event",
        ]
        .into_iter()
        .find(|class| self.ontology.fits(class, allowed))
        // A slot that only takes a narrow class ("City, State") gives that class.
        .or_else(|| allowed.first().map(String::as_str));
        self.entities[entity].class = class.map(str::to_owned);
    }

    pub fn class(&self, entity: usize) -> Option<&str> {
        self.entities[entity].class.as_deref()
    }

    /// The position entity named by a title ("Assistant Attorney General"), or by one of its
    /// other names ("U.S. President" and
    /// "President of the United States" are one position).
    pub fn position(&mut self, name: &str, aliases: &[String]) -> usize {
        let known = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .find_map(|n| {
                self.by_name
                    .get(&self.rules.name_key(n))
                    .copied()
                    .filter(|&e| self.entities[e].class.as_deref() == Some("Position"))
            });
        let entity = match known {
            Some(entity) => entity,
            None => {
                let index = self.entities.len();
                self.entities.push(Entity {
                    name: name.to_owned(),
                    class: Some("Position".to_owned()),
                    aliases: BTreeSet::new(),
                    same_as: Vec::new(),
                    weak: false,
                    unnamed: None,
                    same_as_entity: None,
                });
                self.by_name
                    .entry(self.rules.name_key(name))
                    .or_insert(index);
                index
            }
        };
        for alias in aliases {
            if self.rules.name_key(alias) != self.rules.name_key(&self.entities[entity].name) {
                self.entities[entity].aliases.insert(alias.clone());
                self.by_name
                    .entry(self.rules.name_key(alias))
                    .or_insert(entity);
            }
        }
        // The bare title is another name of the office, but not one that finds it: "President"
        // may be Russia's as well as the United States'.
        let bare: Vec<String> = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .flat_map(|written| {
                [
                    self.titled_before_of(written),
                    self.bare_title(written),
                    self.title_after_unit(written),
                    self.modified_title(written),
                    self.portfolio_title(written),
                ]
            })
            .flatten()
            .collect();
        for title in bare {
            if self.rules.name_key(&title) != self.rules.name_key(&self.entities[entity].name) {
                self.entities[entity].aliases.insert(title);
            }
        }
        entity
    }

    /// A position's name without what follows "of" or "for": "United States Attorney" for
    /// "United States Attorney for the Eastern District of Virginia".
    fn titled_before_of(&self, written: &str) -> Option<String> {
        let (title, _) = written
            .split_once(" for ")
            .or_else(|| written.split_once(" of "))?;
        self.is_title_head(title.rsplit(' ').next()?)
            .then(|| title.to_owned())
    }

    /// A title's head word in any case, with or without a full stop, or abbreviated
    /// ("Attorney", "Atty.").
    fn is_title_head(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        let whole = self
            .rules
            .abbreviated_words
            .get(&lower)
            .map_or(lower.as_str(), String::as_str);
        self.rules.title_heads.contains(whole.trim_end_matches('.'))
    }

    /// "Secretary of Agriculture" for "Secretary of Agriculture of the United States": the
    /// title with its portfolio, without the country (other countries have one too).
    fn portfolio_title(&self, written: &str) -> Option<String> {
        self.rules
            .office_without_country(written)
            .filter(|title| title.contains(" of ") || title.contains(" for "))
            .map(str::to_owned)
    }

    /// A position's name without what it is of and without the name before its title words:
    /// "Attorney General" for "Attorney General of the United States" or "U.S. Attorney
    /// General", "Senator" for "New York Senator".
    fn bare_title(&self, written: &str) -> Option<String> {
        let words: Vec<&str> = written.split(' ').collect();
        let cut = words
            .iter()
            .position(|w| matches!(*w, "of" | "for"))
            .filter(|&of| {
                of > 0
                    && (self.is_title_head(words[of - 1])
                        || words[..of].ends_with(&["in", "Charge"]))
            })
            .unwrap_or(words.len());
        // A country's or an organisation's name before the title ("U.S.", "New York", "FBI")
        // is what the office is of, not its name.
        let qualifier = |word: &str| {
            let lower = word.to_lowercase();
            let title_word = self.rules.title_words.contains(&lower)
                || self.rules.title_heads.contains(&lower)
                || self.rules.head_class(&lower) == Some("Person");
            !title_word || matches!(lower.as_str(), "u.s." | "us" | "un" | "u.n.")
        };
        let own: Vec<&str> = words[..cut]
            .iter()
            .copied()
            .skip_while(|w| qualifier(w))
            .collect();
        let bare = own.join(" ");
        (!own.is_empty() && own.len() < words.len()).then_some(bare)
    }

    /// The title after a unit's name, which ends with its head noun ("Assistant Attorney
    /// General" for "Criminal Division Assistant Attorney General", where "criminal" could
    /// name a person).
    fn title_after_unit(&self, written: &str) -> Option<String> {
        let words: Vec<&str> = written.split(' ').collect();
        let cut = words
            .iter()
            .position(|w| matches!(*w, "of" | "for"))
            .unwrap_or(words.len());
        let unit_end = words[..cut].iter().rposition(|w| {
            self.rules
                .head_class(&w.to_lowercase())
                .is_some_and(|class| self.ontology.is_subclass_of(class, "Organization"))
        })? + 1;
        let title = &words[unit_end..cut];
        title
            .last()
            .is_some_and(|w| self.is_title_head(w))
            .then(|| title.join(" "))
    }

    /// The bare title with the words just before it that only qualify it, a country's short
    /// name or adjectives: "U.S. Attorney" for "New Jersey U.S. Attorney", "Regional
    /// Administrator" for "EPA New England Regional Administrator".
    fn modified_title(&self, written: &str) -> Option<String> {
        let bare = self.bare_title(written)?;
        let before = written.strip_suffix(bare.as_str())?.trim_end();
        let modifies = |word: &str| self.rules.qualifies_title(&word.to_lowercase());
        let kept = before.split(' ').rev().take_while(|w| modifies(w)).count();
        let words: Vec<&str> = before.split(' ').collect();
        let skipped = words.len() - kept;
        (kept > 0 && skipped > 0).then(|| format!("{} {bare}", words[skipped..].join(" ")))
    }

    /// A class for an entity from its own words, read where it stands inside another name
    /// ("the National Assembly" in "Deputy of the National Assembly").
    pub fn refine_class(&mut self, entity: usize, class: Option<&str>) {
        let weak = self.entities[entity].weak;
        self.refine(entity, class, weak);
    }
}

/// The words of a name that open with a capital, hyphenated parts apart ("Trans-Pacific"):
/// where an acronym's letters come from.
fn capitalised_words(name: &str) -> impl Iterator<Item = &str> {
    name.split([' ', '-'])
        .filter(|word| word.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_keeps_its_bare_title_as_a_name_that_finds_nothing() {
        let ontology = Ontology::embedded().unwrap();
        let rules = Rules::embedded(ontology).unwrap();
        let known = HashMap::default();
        let mut document = Document::new(&rules, ontology, &known, &[]);
        let aliases = |document: &Document<'_>, entity: usize| -> Vec<String> {
            document.entities[entity].aliases.iter().cloned().collect()
        };
        let us = document.position(
            "Attorney General of the United States",
            &["U.S. Attorney General".to_owned()],
        );
        assert_eq!(
            aliases(&document, us),
            ["Attorney General", "U.S. Attorney General"]
        );
        let senator = document.position("New York Senator", &["Senator of New York".to_owned()]);
        assert_eq!(
            aliases(&document, senator),
            ["Senator", "Senator of New York"]
        );
        let solicitor = document.position("U.S. Solicitor General", &[]);
        assert_eq!(aliases(&document, solicitor), ["Solicitor General"]);
        // A unit's name ends with its head noun, whatever its other words could name.
        let assistant = document.position("Criminal Division Assistant Attorney General", &[]);
        assert_eq!(
            aliases(&document, assistant),
            ["Assistant Attorney General"]
        );
        // The words that only qualify a title stay with it in one more name.
        let regional = document.position("EPA New England Regional Administrator", &[]);
        assert_eq!(
            aliases(&document, regional),
            ["Administrator", "Regional Administrator"]
        );
        let agent = document.position(
            "Special Agent in Charge of the Drug Enforcement Administration",
            &[],
        );
        assert_eq!(aliases(&document, agent), ["Special Agent in Charge"]);
        let energy = document.position("Secretary of Energy of the United States", &[]);
        assert_eq!(
            aliases(&document, energy),
            ["Secretary", "Secretary of Energy"]
        );
        assert_ne!(document.position("Secretary of Energy", &[]), energy);
        // "President" is a name of both offices, and finds neither.
        let american = document.position("President of the United States", &[]);
        let russian = document.position("President of Russia", &["Russian President".to_owned()]);
        assert_ne!(american, russian);
        assert!(aliases(&document, russian).contains(&"President".to_owned()));
        assert_eq!(
            document.position("President", &[]),
            document.entities.len() - 1
        );
    }
}
