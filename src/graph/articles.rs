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
    /// Each article's place in date order (`u32::MAX` when undated): comparing dates by it
    /// spares reading them.
    date_ranks: Vec<u32>,
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

    /// The article's place in date order, `u32::MAX` for an undated one.
    pub(super) fn date_rank(&self, index: usize) -> u32 {
        self.date_ranks[index]
    }

    /// Call once every article is pushed: trims the lists and ranks the dates.
    pub(super) fn finish(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        let mut dated: Vec<(&str, usize)> = (0..self.len())
            .filter_map(|i| self.published(i).map(|date| (date, i)))
            .collect();
        dated.sort_unstable();
        let mut ranks = vec![u32::MAX; self.len()];
        for (rank, (_, index)) in dated.into_iter().enumerate() {
            ranks[index] = u32::try_from(rank).unwrap_or(u32::MAX - 1);
        }
        self.date_ranks = ranks;
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
        assert_eq!(articles.date_rank(0), 0);
        assert_eq!(articles.date_rank(1), u32::MAX);
        let back: Vec<Article> = articles.iter().map(ArticleRef::to_owned).collect();
        assert_eq!(back, given);
    }
}
