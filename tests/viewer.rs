//! The viewer of `factgraph serve`: its pages over real HTTP on a loopback port, then in a real
//! headless browser (Chromium through WebDriver, `tests/check_viewer.py`).

use std::path::{Path, PathBuf};

use crate::common::server::{Server, client};
use crate::common::{TestEnv, repo, repo_str};

/// A label, an alias, a headline and a sentence that hold markup, as articles may.
const MARKUP_NAME: &str = "<script>window.pwned=1</script> & Sons";
const MARKUP_SHEET: &str = r#"{
  "article": { "id": "markup-test", "title": "<img src=x onerror=\"window.pwned=2\"> headline",
               "published": "2021-02-01", "publisher": "Test <b>Press</b>" },
  "entities": [
    { "id": "x", "name": "<script>window.pwned=1</script> & Sons", "type": "Company",
      "aliases": ["\"><svg onload=window.pwned=3>"] },
    { "id": "ant", "name": "Ant Group", "type": "Company" }
  ],
  "facts": [
    { "subject": "x", "predicate": "investsIn", "object": "ant",
      "evidence": "<b>Sons</b> & co. put money into Ant Group </script><script>window.pwned=4</script>" }
  ]
}"#;

/// A store of the seed articles and one article full of markup.
fn store_with_markup() -> TestEnv {
    let env = TestEnv::new();
    let sheet = env.dir.path().join("markup.json");
    std::fs::write(&sheet, MARKUP_SHEET).expect("write the sheet");
    env.ok(&[
        "ingest",
        "-q",
        &repo_str("data/sheets"),
        sheet.to_str().expect("path"),
    ]);
    env
}

struct Page {
    status: u16,
    content_type: String,
    csp: String,
    body: String,
}

fn fetch(server: &Server, path: &str) -> Page {
    let mut response = client()
        .get(server.url(path))
        .call()
        .expect("HTTP exchange");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, csp) = (header("content-type"), header("content-security-policy"));
    Page {
        status: response.status().as_u16(),
        content_type,
        csp,
        body: response.body_mut().read_to_string().expect("body"),
    }
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Every `src`, `href` and `action` of a page.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["src=\"", "href=\"", "action=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').expect("a closed attribute");
            found.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    found
}

/// A page of the viewer: HTML, our own policy, and nothing referenced from elsewhere.
fn assert_viewer_page(page: &Page, what: &str) {
    assert_eq!(page.status, 200, "{what}: {}", page.body);
    assert_eq!(page.content_type, "text/html; charset=utf-8", "{what}");
    assert!(
        page.csp.contains("script-src 'self'"),
        "{what}: {}",
        page.csp
    );
    assert!(page.body.starts_with("<!DOCTYPE html>"), "{what}");
    for reference in references(&page.body) {
        assert!(
            reference.starts_with('/') && !reference.starts_with("//")
                || reference.starts_with('#'),
            "{what} references `{reference}`, not a path of this server"
        );
    }
    assert!(
        !page.body.contains("method=\"post\"") && !page.body.contains("method=\"POST\""),
        "{what} has a form that posts"
    );
}

#[test]
fn every_page_is_html_of_this_server_with_data_escaped() {
    let env = store_with_markup();
    let server = Server::start(&env, &[]);
    let trump = "https://w3id.org/factgraph/entity/donald-trump";
    let pages = [
        "/".to_owned(),
        format!("/view/entity?iri={}", encode(trump)),
        "/view/entity?name=Alipay&hops=2".to_owned(),
        format!("/view/entity?name={}", encode(MARKUP_NAME)),
        "/view/path".to_owned(),
        "/view/path?from=Donald+Trump&to=Ant+Group&k=3&not-via=basedIn&since=2020-01-01&directed=true"
            .to_owned(),
        "/view/article?id=atf-2021-01-06-alipay-ban".to_owned(),
        "/view/article?id=markup-test".to_owned(),
        "/view/articles".to_owned(),
        "/view/sparql".to_owned(),
        format!("/view/sparql?query={}", encode("SELECT * WHERE { ?s ?p ?o } LIMIT 1")),
    ];
    for path in &pages {
        let page = fetch(&server, path);
        assert_viewer_page(&page, path);
        for raw in [
            "<script>window",
            "<img src=x",
            "<b>Sons",
            "<svg onload",
            "<b>Press",
        ] {
            assert!(!page.body.contains(raw), "{path} holds `{raw}` unescaped");
        }
    }

    // The entity page of the markup label: shown as text, in the HTML and in the drawing's data.
    let markup = fetch(
        &server,
        &format!("/view/entity?name={}", encode(MARKUP_NAME)),
    );
    assert!(
        markup
            .body
            .contains("<h1>&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; Sons"),
        "{}",
        markup.body
    );
    assert!(
        markup
            .body
            .contains(r"\u003cscript\u003ewindow.pwned=1\u003c/script\u003e")
    );
    assert!(markup.body.contains("&lt;b&gt;Sons&lt;/b&gt; &amp; co."));
    assert!(
        markup
            .body
            .contains("&quot;&gt;&lt;svg onload=window.pwned=3&gt;")
    );
    let article = fetch(&server, "/view/article?id=markup-test");
    assert!(
        article
            .body
            .contains("&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt; headline")
    );

    // Pages show what the path search and the facts say.
    let path = fetch(&server, "/view/path?from=Donald+Trump&to=Ant+Group");
    for label in [
        "Donald Trump",
        "Executive Order 13971",
        "Alipay",
        "Ant Group",
    ] {
        assert!(
            path.body.contains(&format!(">{label}</a></span>")),
            "{label}"
        );
    }
    assert!(path.body.contains("<q class=\"evidence\">The order prohibits transactions with persons that develop or control Alipay.</q>"));
    let entity = fetch(&server, &format!("/view/entity?iri={}", encode(trump)));
    assert!(entity.body.contains("data-predicate=\"signs\""));
    assert!(entity.body.contains("id=\"neighbourhood-data\""));
    let article = fetch(&server, "/view/article?id=atf-2021-01-06-alipay-ban");
    assert!(article.body.contains("<blockquote class=\"evidence\">The order prohibits transactions with persons that develop or control Alipay."));
    assert!(
        article
            .body
            .contains("The store does not hold this article's text")
    );
}

#[test]
fn the_viewer_answers_mistakes_with_pages_that_say_what_to_do() {
    let env = TestEnv::with_seed_sheets();
    let server = Server::start(&env, &[]);
    let cases = [
        ("/view/entity?name=Nobody+Atall", 404, "no entity is called"),
        ("/view/entity", 400, "give `name`"),
        (
            "/view/entity?name=Alipay&colour=red",
            400,
            "unknown parameter `colour`",
        ),
        (
            "/view/entity?name=Alipay&hops=9",
            400,
            "`hops` must be a whole number from 1 to 2",
        ),
        (
            "/view/article?id=no-such-article",
            404,
            "no article `no-such-article`",
        ),
        (
            "/view/path?from=Donald+Trump&to=Nobody+Atall",
            404,
            "no entity is called",
        ),
        (
            "/view/path?from=Donald+Trump&to=Ant+Group&via=likes",
            400,
            "unknown relation `likes`",
        ),
        (
            "/view/path?from=Donald+Trump&to=Ant+Group&since=2021-13-01",
            400,
            "invalid date",
        ),
        ("/view/static/nothing.js", 404, "the viewer has no file"),
    ];
    for (path, status, message) in cases {
        let page = fetch(&server, path);
        assert_eq!(page.status, status, "{path}: {}", page.body);
        assert_eq!(page.content_type, "text/html; charset=utf-8", "{path}");
        assert!(page.body.contains(message), "{path}: {}", page.body);
    }
    // No path is an answer, not an error.
    let none = fetch(
        &server,
        "/view/path?from=Donald+Trump&to=Ant+Group&via=sues",
    );
    assert_eq!(none.status, 200);
    assert!(
        none.body
            .contains("No path between Donald Trump and Ant Group")
    );
    // Outside the viewer and the API, the 404 says where the viewer is.
    let mut missing = client().get(server.url("/nothing")).call().expect("HTTP");
    assert_eq!(missing.status().as_u16(), 404);
    let text = missing.body_mut().read_to_string().expect("body");
    assert!(text.contains("the viewer for people is at /"), "{text}");
}

#[test]
fn the_viewer_only_reads_and_needs_no_token() {
    let env = TestEnv::with_seed_sheets();
    let token_file = env.dir.path().join("token.txt");
    std::fs::write(&token_file, "s3cret-token\n").expect("token");
    let server = Server::start(
        &env,
        &[
            "--writable",
            "--token-file",
            token_file.to_str().expect("path"),
        ],
    );
    for path in [
        "/",
        "/view/entity?name=Alipay",
        "/view/path?from=Alipay&to=Ant+Group",
        "/view/sparql",
    ] {
        assert_viewer_page(&fetch(&server, path), path);
    }
    // The script calls two endpoints, both reads: name completion and queries sent as
    // `application/sparql-query`, a body that can only be a query.
    let script = fetch(&server, "/view/static/viewer.js");
    assert_eq!(script.status, 200);
    assert_eq!(script.content_type, "text/javascript; charset=utf-8");
    for write in [
        "/update",
        "/store",
        "PUT",
        "DELETE",
        "sparql-update",
        "update=",
    ] {
        assert!(
            !script.body.contains(write),
            "the viewer's script names `{write}`"
        );
    }
    assert_eq!(script.body.matches("method: \"POST\"").count(), 1);
    assert!(
        script
            .body
            .contains("\"Content-Type\": \"application/sparql-query\"")
    );
    // Its only absolute URL is the SVG namespace, which is a name, not a place to fetch.
    let urls: Vec<&str> = script
        .body
        .match_indices("http")
        .map(|(at, _)| {
            &script.body[at..script.body[at..]
                .find('"')
                .map_or(script.body.len(), |e| at + e)]
        })
        .collect();
    assert_eq!(urls, ["http://www.w3.org/2000/svg"]);
    let style = fetch(&server, "/view/static/viewer.css");
    assert_eq!(style.content_type, "text/css; charset=utf-8");
    assert!(!style.body.contains("http") && !style.body.contains("@import"));
    assert!(
        !style.body.contains("url("),
        "the style sheet loads nothing"
    );
    // The SPARQL endpoint takes such a body as a query and refuses an update sent that way.
    let refused = client()
        .post(server.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .send("DELETE WHERE { ?s ?p ?o }")
        .expect("HTTP");
    assert_eq!(refused.status().as_u16(), 400);
}

/// The text of an article, when its graph holds it, with the sentences of its facts marked.
#[test]
fn stored_article_text_is_shown_with_the_evidence_marked() {
    let seeded = TestEnv::with_seed_sheets();
    let article = "https://w3id.org/factgraph/article/fg-2021-01-07-nyse-delisting";
    let dataset = seeded.dir.path().join("article.nq");
    seeded.ok(&[
        "export",
        "--format",
        "nquads",
        "--article",
        "fg-2021-01-07-nyse-delisting",
        "-o",
        dataset.to_str().expect("path"),
    ]);
    let sheet: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("data/sheets/fg-2021-01-07-nyse-delisting.json"))
            .expect("sheet"),
    )
    .expect("JSON");
    let sentences: Vec<&str> = sheet["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .filter_map(|f| f["evidence"].as_str())
        .collect();
    let text = format!(
        "A <first> line that states nothing.\n\n{}",
        sentences.join(" ")
    );
    let literal = serde_json::to_string(&text).expect("a JSON string is an N-Quads string");
    let mut quads = std::fs::read_to_string(&dataset).expect("export");
    quads.push_str(&format!(
        "<{article}> <https://schema.org/articleBody> {literal} <{article}> .\n"
    ));
    std::fs::write(&dataset, quads).expect("write");
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", dataset.to_str().expect("path")]);
    let server = Server::start(&env, &[]);
    let page = fetch(&server, &format!("/view/article?iri={}", encode(article)));
    assert_viewer_page(&page, "the article with its text");
    assert!(
        page.body
            .contains("A &lt;first&gt; line that states nothing.")
    );
    assert!(
        page.body.contains(&format!(
            "<mark id=\"sentence-0\">{}</mark>",
            sentences[0].replace('\'', "&apos;")
        )),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<a class=\"to-text\" href=\"#sentence-0\">in the text</a>")
    );
}

/// Where the browser test leaves its screenshots: beside the other test outputs of the build.
fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("viewer-screenshots")
}

/// The pages in headless Chromium: no console error on any, the search completes, the path
/// from Donald Trump to Ant Group shows its chain with evidence, a SPARQL query fills its
/// table; a screenshot of each. Chromium and its driver are installed by `.ci/setup`: without
/// them this fails rather than skips.
#[test]
fn the_viewer_works_in_a_real_browser() {
    let env = store_with_markup();
    let server = Server::start(&env, &[]);
    let hubs = hubs_env();
    let hubs_server = Server::start(&hubs, &[]);
    let shots = screenshot_dir();
    let _ = std::fs::remove_dir_all(&shots);
    let output = std::process::Command::new("python3")
        .arg(repo("tests/check_viewer.py"))
        .args(["--base", &server.base])
        .arg("--screenshots")
        .arg(&shots)
        .args(["--xss-name", MARKUP_NAME])
        .args(["--hubs-base", &hubs_server.base])
        .output()
        .expect("python3 runs (install what the test needs with `bash .ci/setup`)");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "the browser check failed (screenshots in {}):\n{report}",
        shots.display()
    );
    for name in [
        "home-search-completion",
        "entity-donald-trump",
        "path-donald-trump-ant-group",
        "article",
        "sparql",
        "path-through-a-hub",
    ] {
        let shot = shots.join(format!("{name}.png"));
        let bytes =
            std::fs::read(&shot).unwrap_or_else(|_| panic!("no screenshot {}", shot.display()));
        assert!(
            bytes.starts_with(b"\x89PNG"),
            "{} is not a PNG",
            shot.display()
        );
    }
    // Shown with `cargo test --release --locked -- --nocapture`; the path is also in any failure above.
    std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("viewer screenshots: {}\n{report}", shots.display()).as_bytes(),
    )
    .expect("stderr");
}

/// A container whose name holds markup, quotes and a comma, with six members among eight
/// entities: a hub that a path from Ann to Cobalt can only pass through.
fn markup_hub_sheet() -> String {
    let companies = ["Cobalt", "Dune", "Ember", "Flint", "Gale"];
    let mut entities = vec![
        serde_json::json!({ "id": "Ann", "name": "Ann Ames", "type": "Person" }),
        serde_json::json!({ "id": "Bo", "name": "Bo Berg", "type": "Person" }),
        serde_json::json!({ "id": "hub", "name": "<i>Hub</i>, \"Co\" & Sons", "type": "Country" }),
    ];
    let mut facts = vec![serde_json::json!({
        "subject": "Ann", "predicate": "accuses", "object": "Bo",
        "evidence": "Ann <script>accused</script> Bo."
    })];
    for member in ["Bo"].into_iter().chain(companies) {
        facts.push(
            serde_json::json!({ "subject": member, "predicate": "basedIn", "object": "hub" }),
        );
    }
    entities.extend(
        companies.map(|name| serde_json::json!({ "id": name, "name": name, "type": "Company" })),
    );
    serde_json::json!({
        "article": { "id": "markup-hub", "title": "<b>Everyone</b> is based there",
                     "published": "2022-03-02" },
        "entities": entities,
        "facts": facts,
    })
    .to_string()
}

/// A store of tests/fixtures/hubs/.
fn hubs_env() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("tests/fixtures/hubs")]);
    env
}

/// The links of a page's hub warnings, as a browser would follow them.
fn avoid_links(html: &str) -> Vec<String> {
    html.match_indices("<a class=\"avoid\" href=\"")
        .map(|(at, open)| {
            let rest = &html[at + open.len()..];
            rest[..rest.find('"').expect("a closed attribute")].replace("&amp;", "&")
        })
        .collect()
}

/// tests/fixtures/hubs/ (see tests/paths.rs): Biden reaches Gazprom only through Russia, a
/// container of six members, and Sberbank either through Russia or along a specific chain.
#[test]
fn the_path_page_warns_of_hubs_offers_to_avoid_them_and_says_what_holds_each_path_up() {
    let env = hubs_env();
    let server = Server::start(&env, &[]);

    let only_hub = fetch(&server, "/view/path?from=Biden&to=Gazprom");
    assert_viewer_page(&only_hub, "Biden to Gazprom");
    assert!(
        only_hub.body.contains(">Russia</a> by <span class=\"rel\">basedIn</span>, a container of 6 members: a membership in it says little about a connection."),
        "{}",
        only_hub.body
    );
    assert_eq!(only_hub.body.matches("class=\"hub-warning\"").count(), 1);
    let links = avoid_links(&only_hub.body);
    assert_eq!(links, ["/view/path?from=Biden&to=Gazprom&avoid=Russia"]);
    assert!(only_hub.body.contains(
        "weakest hop stated by 1 article; removing <a class=\"article\" href=\"/view/article?iri=https%3A%2F%2Fw3id.org%2Ffactgraph%2Farticle%2Fhubs-1\" title=\"Biden accuses Putin\">hubs-1</a> breaks it."
    ), "{}", only_hub.body);
    let around = fetch(&server, &links[0]);
    assert_viewer_page(&around, &links[0]);
    assert!(
        around
            .body
            .contains("No path between Biden and Gazprom with these settings."),
        "{}",
        around.body
    );
    assert!(around.body.contains("name=\"avoid\" value=\"Russia\""));

    // The plain shortest path to Sberbank passes Russia; around it, the specific chain, no hub.
    let shortest = fetch(&server, "/view/path?from=Biden&to=Sberbank&weight=hops");
    let links = avoid_links(&shortest.body);
    assert_eq!(
        links,
        ["/view/path?from=Biden&to=Sberbank&weight=hops&avoid=Russia"]
    );
    let around = fetch(&server, &links[0]);
    assert_viewer_page(&around, &links[0]);
    assert!(!around.body.contains("class=\"hub-warning\""));
    assert!(
        around.body.contains(">Department of the Treasury</a>"),
        "{}",
        around.body
    );

    // By default the specific chain ranks first; each path rests on another article, so no
    // one withdrawal breaks both.
    let two = fetch(&server, "/view/path?from=Biden&to=Sberbank&k=2");
    assert_viewer_page(&two, "two paths to Sberbank");
    let (first, second) = two.body.split_once("id=\"path-2\"").expect("two paths");
    assert!(!first.contains("class=\"hub-warning\""));
    assert!(first.contains(">hubs-2</a> breaks it."), "{first}");
    assert!(second.contains("class=\"hub-warning\""));
    assert!(second.contains(">hubs-1</a> breaks it."), "{second}");
    assert!(
        two.body.contains(
            "<p class=\"support answer-support\">No single article's removal breaks every path above.</p>"
        ),
        "{}",
        two.body
    );
    let one = fetch(&server, "/view/path?from=Biden&to=Sberbank");
    assert!(
        !one.body.contains("answer-support"),
        "one path says it once"
    );
    let yellen = fetch(&server, "/view/path?from=Biden&to=Janet+Yellen");
    assert!(
        yellen
            .body
            .contains("weakest hop stated by 2 articles; no single article's removal breaks it."),
        "{}",
        yellen.body
    );
    server.stop();

    // Markup in a hub's name stays text, and a name with a comma is avoided by its IRI.
    let marked = TestEnv::new();
    let sheet = marked.dir.path().join("markup-hub.json");
    std::fs::write(&sheet, markup_hub_sheet()).expect("write the sheet");
    marked.ok(&["ingest", "-q", sheet.to_str().expect("path")]);
    let server = Server::start(&marked, &[]);
    let page = fetch(&server, "/view/path?from=Ann+Ames&to=Cobalt");
    assert_viewer_page(&page, "through a hub with markup in its name");
    for raw in ["<i>Hub", "<b>Everyone", "<script>accused"] {
        assert!(!page.body.contains(raw), "`{raw}` unescaped");
    }
    assert!(
        page.body.contains(
            "Search again avoiding &lt;i&gt;Hub&lt;/i&gt;, &quot;Co&quot; &amp; Sons</a>"
        ),
        "{}",
        page.body
    );
    let links = avoid_links(&page.body);
    assert_eq!(
        links,
        [format!(
            "/view/path?from=Ann+Ames&to=Cobalt&avoid={}",
            encode("https://w3id.org/factgraph/entity/i-hub-i-co-and-sons")
        )]
    );
    let around = fetch(&server, &links[0]);
    assert!(
        around
            .body
            .contains("No path between Ann Ames and Cobalt with these settings."),
        "{}",
        around.body
    );
    server.stop();
}
