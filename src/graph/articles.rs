//! The articles behind the edges: IRI and id of each in one string, cut by offsets, and the
//! date by number — a million articles are a few million small strings otherwise, each with
//! its own allocation.

use std::collections::HashMap;

use oxigraph::model::NamedNodeRef;

use super::Article;

/// An article of the projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRef<'a> {
    pub iri: NamedNodeRef<'a>,
    pub id: &'a str,
    /// `YYYY-MM-DD`, when the sheet gave it.
    pub published: Option<&'a str>,
}

impl ArticleRef<'_> {
    pub fn to_owned(self) -> Article {
        Article {
            iri: self.iri.into_owned(),
            id: self.id.to_owned(),
            published: self.published.map(str::to_owned),
        }
    }
}

#[derive(Debug, Default, Clone)]
pub(super) struct Articles {
    /// Each article's IRI, followed by its id unless the IRI ends with it (as the IRIs factgraph
    /// mints do): the id is then read from the IRI's end instead of kept twice.
    text: String,
    /// Where each article's stretch of `text` ends; each starts where the one before ends.
    ends: Vec<usize>,
    /// Each id's length, with [`ID_IN_IRI`] set when it is the end of the IRI.
    id_lengths: Vec<u32>,
    /// Each article's date as its place among the distinct dates (`u32::MAX` when undated):
    /// comparing dates by it spares reading them, and the few distinct dates of many articles
    /// stay in cache where the articles' own text would not.
    date_numbers: Vec<u32>,
    dates: Vec<String>,
    /// While articles are pushed: each distinct date's number by first appearance, renumbered
    /// in date order by [`Articles::finish`].
    numbering: HashMap<String, u32>,
}

/// Marks an id length whose id is the end of the article's IRI.
const ID_IN_IRI: u32 = 1 << 31;

impl Articles {
    pub(super) fn with_capacity(articles: usize) -> Self {
        Self {
            ends: Vec::with_capacity(articles),
            id_lengths: Vec::with_capacity(articles),
            date_numbers: Vec::with_capacity(articles),
            ..Self::default()
        }
    }

    pub(super) fn push(&mut self, article: ArticleRef<'_>) {
        let iri = article.iri.as_str();
        self.text.push_str(iri);
        let length = u32::try_from(article.id.len())
            .ok()
            .filter(|length| length & ID_IN_IRI == 0);
        let in_iri = length.is_some() && iri.ends_with(article.id);
        if !in_iri {
            self.text.push_str(article.id);
        }
        self.ends.push(self.text.len());
        self.id_lengths.push(match length {
            Some(length) if in_iri => length | ID_IN_IRI,
            Some(length) => length,
            None => !ID_IN_IRI,
        });
        let number = article.published.map_or(u32::MAX, |date| {
            let next = self.numbering.len() as u32;
            *self.numbering.entry(date.to_owned()).or_insert(next)
        });
        self.date_numbers.push(number);
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, index: usize) -> ArticleRef<'_> {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        let stretch = &self.text[start..self.ends[index]];
        let length = self.id_lengths[index];
        // Saturating for an id past 2 GiB, which no sheet can give.
        let id_start = stretch.len().saturating_sub((length & !ID_IN_IRI) as usize);
        let iri_end = if length & ID_IN_IRI != 0 {
            stretch.len()
        } else {
            id_start
        };
        ArticleRef {
            iri: NamedNodeRef::new_unchecked(&stretch[..iri_end]),
            id: &stretch[id_start..],
            published: self.published(index),
        }
    }

    pub(super) fn published(&self, index: usize) -> Option<&str> {
        let number = self.date_numbers[index];
        (number != u32::MAX).then(|| self.date(number))
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = ArticleRef<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The article's date by number, `u32::MAX` for an undated one.
    pub(super) fn date_number(&self, index: usize) -> u32 {
        self.date_numbers[index]
    }

    /// The date numbered `number` by [`Articles::date_number`].
    pub(super) fn date(&self, number: u32) -> &str {
        &self.dates[number as usize]
    }

    /// Call once every article is pushed: trims the lists and numbers the dates in date order.
    pub(super) fn finish(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.id_lengths.shrink_to_fit();
        self.date_numbers.shrink_to_fit();
        let mut dates: Vec<(String, u32)> =
            std::mem::take(&mut self.numbering).into_iter().collect();
        dates.sort_unstable();
        // The numbers given while pushing, by the number each now gets.
        let mut renumbered = vec![0; dates.len()];
        for (number, (_, pushed)) in dates.iter().enumerate() {
            renumbered[*pushed as usize] = number as u32;
        }
        for number in &mut self.date_numbers {
            if *number != u32::MAX {
                *number = renumbered[*number as usize];
            }
        }
        self.dates.extend(dates.into_iter().map(|(date, _)| date));
    }
}

impl<'a> FromIterator<ArticleRef<'a>> for Articles {
    fn from_iter<T: IntoIterator<Item = ArticleRef<'a>>>(articles: T) -> Self {
        let mut all = Articles::default();
        for article in articles {
            all.push(article);
        }
        all.finish();
        all
    }
}

impl Article {
    pub fn borrowed(&self) -> ArticleRef<'_> {
        ArticleRef {
            iri: self.iri.as_ref(),
            id: &self.id,
            published: self.published.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;

    #[test]
    fn articles_read_back_as_pushed() {
        let given = [
            Article {
                iri: NamedNode::new_unchecked("https://example.org/a"),
                id: "a".to_owned(),
                published: Some("2021-01-06".to_owned()),
            },
            Article {
                iri: NamedNode::new_unchecked("https://example.org/b"),
                id: "b-undated".to_owned(),
                published: None,
            },
        ];
        let articles: Articles = given.iter().map(Article::borrowed).collect();
        assert_eq!(articles.len(), 2);
        // The first id is the end of its IRI and is not kept again; the second is not.
        assert_eq!(
            articles.text,
            "https://example.org/ahttps://example.org/bb-undated"
        );
        assert_eq!(articles.date_number(0), 0);
        assert_eq!(articles.date(0), "2021-01-06");
        assert_eq!(articles.date_number(1), u32::MAX);
        let back: Vec<Article> = articles.iter().map(ArticleRef::to_owned).collect();
        assert_eq!(back, given);
    }

    #[test]
    fn date_numbers_follow_date_order_and_are_shared_by_equal_dates() {
        let dated = |id: &str, date: &str| Article {
            iri: NamedNode::new_unchecked(format!("https://example.org/{id}")),
            id: id.to_owned(),
            published: Some(date.to_owned()),
        };
        let given = [
            dated("late", "2021-03-01"),
            dated("early", "2020-12-31"),
            dated("also-late", "2021-03-01"),
            dated("middle", "2021-01-06"),
        ];
        let articles: Articles = given.iter().map(Article::borrowed).collect();
        let numbers: Vec<u32> = (0..4).map(|i| articles.date_number(i)).collect();
        assert_eq!(numbers, [2, 0, 2, 1]);
        for (index, article) in given.iter().enumerate() {
            assert_eq!(
                Some(articles.date(numbers[index])),
                article.published.as_deref()
            );
        }
    }
}
