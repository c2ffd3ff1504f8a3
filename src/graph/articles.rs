//! The articles behind the edges: IRI, id and date of each in one string, cut by offsets —
//! a million articles are a million small strings otherwise, each with its own allocation.

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
    text: String,
    /// Where each article's IRI, id and date end in `text`; each starts where the one
    /// before ends.
    ends: Vec<[usize; 3]>,
    /// Each article's date as its place among the distinct dates (`u32::MAX` when undated):
    /// comparing dates by it spares reading them, and the few distinct dates of many articles
    /// stay in cache where the articles' own text would not.
    date_numbers: Vec<u32>,
    dates: Vec<String>,
}

impl Articles {
    pub(super) fn with_capacity(articles: usize) -> Self {
        Self {
            ends: Vec::with_capacity(articles),
            ..Self::default()
        }
    }

    pub(super) fn push(&mut self, article: ArticleRef<'_>) {
        self.text.push_str(article.iri.as_str());
        let iri_end = self.text.len();
        self.text.push_str(article.id);
        let id_end = self.text.len();
        self.text.push_str(article.published.unwrap_or_default());
        self.ends.push([iri_end, id_end, self.text.len()]);
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, index: usize) -> ArticleRef<'_> {
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.ends[before][2]);
        let [iri_end, id_end, _] = self.ends[index];
        ArticleRef {
            iri: NamedNodeRef::new_unchecked(&self.text[start..iri_end]),
            id: &self.text[iri_end..id_end],
            published: self.published(index),
        }
    }

    /// The article's date alone: exports ask for it for every fact.
    pub(super) fn published(&self, index: usize) -> Option<&str> {
        let [_, id_end, end] = self.ends[index];
        (end > id_end).then(|| &self.text[id_end..end])
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

    /// Call once every article is pushed: trims the lists and numbers the dates.
    pub(super) fn finish(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        let mut dated: Vec<(&str, usize)> = (0..self.len())
            .filter_map(|i| self.published(i).map(|date| (date, i)))
            .collect();
        dated.sort_unstable();
        let mut numbers = vec![u32::MAX; self.len()];
        let mut dates: Vec<String> = Vec::new();
        for (date, index) in dated {
            if dates.last().is_none_or(|last| last != date) {
                dates.push(date.to_owned());
            }
            // No more distinct dates than articles, which are numbered in 32 bits.
            numbers[index] = (dates.len() - 1) as u32;
        }
        self.date_numbers = numbers;
        self.dates = dates;
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
