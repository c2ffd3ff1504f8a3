//! Article bytes to plain text: decoding, HTML with its page chrome dropped, Markdown marks
//! removed, and the metadata an HTML page carries.

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// UTF-8 text, or the bytes decoded as Windows-1252 (the usual other encoding of news pages)
/// with `true` for "it was not UTF-8".
pub fn decode(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (bytes.iter().map(|b| windows_1252(*b)).collect(), true),
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Elements whose content is never article text.
const DROPPED: [&str; 13] = [
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe",
    "button", "figure", "template",
];

/// Elements that end a line of text.
const BLOCKS: [&str; 18] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "tr",
    "table",
    "main",
];

/// The text of an HTML page's article (its `<article>`, else its `<main>`, else its body), one
/// block per line, and the page's metadata.
pub fn html_to_text(html: &str) -> (String, PageMetadata) {
    let metadata = page_metadata(html);
    let lower = html.to_ascii_lowercase();
    let body = ["article", "main", "body"]
        .iter()
        .find_map(|tag| {
            let start = lower.find(&format!("<{tag}"))?;
            let open_end = start + lower[start..].find('>')? + 1;
            let end = lower
                .rfind(&format!("</{tag}"))
                .filter(|e| *e >= open_end)?;
            Some(&html[open_end..end])
        })
        .unwrap_or(html);
    (strip_tags(body), metadata)
}

/// Text with tags removed, dropped elements skipped, blocks on lines of their own. Tolerates
/// broken markup: an unclosed tag ends the text, unknown tags are ignored.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skipping: Option<String> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&decode_entities(&rest[..open]));
        }
        let after = &rest[open + 1..];
        if after.starts_with("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(close) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match &skipping {
            Some(dropped) if closing && *dropped == name => skipping = None,
            Some(_) => {}
            None if !closing && DROPPED.contains(&name.as_str()) && !tag.ends_with('/') => {
                skipping = Some(name);
            }
            None if BLOCKS.contains(&name.as_str()) => out.push('\n'),
            None => {}
        }
    }
    if skipping.is_none() {
        out.push_str(&decode_entities(rest));
    }
    out.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|end| *end <= 10)
            .map(|end| (&after[..end], end));
        let decoded = entity.and_then(|(name, _)| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "rsquo" | "lsquo" => Some('\''),
            "rdquo" | "ldquo" => Some('"'),
            "mdash" => Some('—'),
            "ndash" => Some('–'),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (decoded, entity) {
            (Some(c), Some((_, end))) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `<meta … content>` by `property` or `name`, and `<title>`.
fn page_metadata(html: &str) -> PageMetadata {
    let mut metadata = PageMetadata::default();
    let lower = html.to_ascii_lowercase();
    let mut search = 0;
    while let Some(start) = lower[search..].find("<meta").map(|s| s + search) {
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        search = end;
        let key = attribute(tag, "property").or_else(|| attribute(tag, "name"));
        let Some(content) = attribute(tag, "content") else {
            continue;
        };
        let content = decode_entities(&content).trim().to_owned();
        match key.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("og:title") => metadata.title = Some(content),
            Some("og:site_name") if metadata.publisher.is_none() => {
                metadata.publisher = Some(content);
            }
            Some("og:url") => metadata.url = Some(content),
            Some("article:published_time" | "datepublished" | "date" | "pubdate") => {
                if let Some(date) = content
                    .get(..10)
                    .filter(|d| crate::ontology::is_valid_date(d))
                {
                    metadata.published = Some(date.to_owned());
                }
            }
            _ => {}
        }
    }
    if metadata.title.is_none() {
        if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
            if end > start + 7 {
                let title = decode_entities(&html[start + 7..end]);
                metadata.title = Some(title.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    metadata
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|a| a + from) {
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        let quote = value.chars().next()?;
        return if quote == '"' || quote == '\'' {
            value[1..].find(quote).map(|end| value[1..=end].to_owned())
        } else {
            Some(value.split_whitespace().next()?.to_owned())
        };
    }
    None
}

/// Markdown's marks removed: headings, emphasis, links (their text kept), list bullets.
pub fn markdown_to_text(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let line = line.trim_start_matches(['#', '>', ' ']);
            let line = line
                .strip_prefix("- ")
                .or_else(|| line.strip_prefix("* "))
                .unwrap_or(line);
            let mut out = String::new();
            let mut rest = line;
            while let Some(open) = rest.find('[') {
                let Some(close) = rest[open..].find("](").map(|c| c + open) else {
                    break;
                };
                let Some(end) = rest[close..].find(')').map(|e| e + close) else {
                    break;
                };
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..close]);
                rest = &rest[end + 1..];
            }
            out.push_str(rest);
            out.replace("**", "").replace("__", "").replace('`', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_the_article_and_drop_the_chrome() {
        let page = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="Trump bans Alipay &amp; others">
            <meta property="article:published_time" content="2021-01-06T01:02:03Z">
            <meta property="og:site_name" content="FG Wire"><script>var x = "<p>no</p>";</script></head>
            <body><nav><a>Home</a></nav><article><h1>Trump bans Alipay</h1>
            <p>President Donald Trump signed an order.</p><aside>Related stories</aside>
            <p>It takes effect in 45&nbsp;days.</p></article><footer>Cookies</footer></body></html>"#;
        let (text, metadata) = html_to_text(page);
        assert_eq!(
            text,
            "Trump bans Alipay\nPresident Donald Trump signed an order.\nIt takes effect in 45 days."
        );
        assert_eq!(
            metadata.title.as_deref(),
            Some("Trump bans Alipay & others")
        );
        assert_eq!(metadata.published.as_deref(), Some("2021-01-06"));
        assert_eq!(metadata.publisher.as_deref(), Some("FG Wire"));
    }

    #[test]
    fn broken_markup_and_other_encodings_do_not_fail() {
        assert_eq!(strip_tags("<p>open <b>never closed"), "open never closed");
        assert_eq!(strip_tags("a < b and <"), "a");
        assert_eq!(
            decode(b"caf\xe9 \x93quoted\x94"),
            ("café “quoted”".to_owned(), true)
        );
        assert_eq!(decode("plain".as_bytes()), ("plain".to_owned(), false));
    }

    #[test]
    fn markdown_marks_go() {
        assert_eq!(
            markdown_to_text("# Title\n- **Ant Group** [said](http://x) no"),
            "Title\nAnt Group said no"
        );
    }
}
