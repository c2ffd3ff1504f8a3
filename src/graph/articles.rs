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
}

impl Articles {
    pub(super) fn with_capacity(articles: usize) -> Self {
        Self {
            text: String::new(),
            ends: Vec::with_capacity(articles),
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
        let [iri_end, id_end, end] = self.ends[index];
        ArticleRef {
            iri: NamedNodeRef::new_unchecked(&self.text[start..iri_end]),
            id: &self.text[iri_end..id_end],
            published: (end > id_end).then(|| &self.text[id_end..end]),
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = ArticleRef<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl<'a> FromIterator<ArticleRef<'a>> for Articles {
    fn from_iter<T: IntoIterator<Item = ArticleRef<'a>>>(articles: T) -> Self {
        let mut all = Articles::default();
        for article in articles {
            all.push(article);
        }
        all.shrink_to_fit();
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
        let back: Vec<Article> = articles.iter().map(ArticleRef::to_owned).collect();
        assert_eq!(back, given);
    }
}
