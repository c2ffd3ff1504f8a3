//! The extractor through the command line: `extract`, `eval`, and articles given to `ingest`.

use std::io::Write;

use serde_json::Value;

use crate::common::{TestEnv, repo, repo_str, stderr};

fn extract(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["extract"];
    all.extend(args);
    serde_json::from_str(&env.ok(&all)).expect("a fact sheet")
}

#[test]
fn every_extracted_fact_carries_its_sentence_span_confidence_and_rule() {
    let env = TestEnv::new();
    let article = repo("data/eval/written/articles/ev-2021-01-06-alipay-ban.txt");
    let sheet = extract(
        &env,
        &[article.to_str().expect("path"), "--date", "2021-01-06"],
    );
    // The id is the text's, whatever the file is called.
    assert_eq!(sheet["article"]["id"], "article-7a716e5addf1");
    assert_eq!(sheet["article"]["published"], "2021-01-06");
    let text = std::fs::read_to_string(&article).expect("article");
    let chars: Vec<char> = text.chars().collect();
    let facts = sheet["facts"].as_array().expect("facts");
    assert!(facts.len() >= 5, "{sheet}");
    for fact in facts {
        let span = fact["span"].as_array().expect("span");
        let (start, end) = (
            span[0].as_u64().expect("start") as usize,
            span[1].as_u64().expect("end") as usize,
        );
        let quoted: String = chars[start..end].iter().collect();
        assert_eq!(fact["evidence"].as_str(), Some(quoted.as_str()));
        let confidence = fact["confidence"].as_f64().expect("confidence");
        assert!(confidence > 0.0 && confidence <= 1.0);
        assert!(
            fact["extractor"]
                .as_str()
                .is_some_and(|e| e.starts_with("factgraph-extract ")),
            "{fact}"
        );
    }
    // What `extract` writes, `validate` accepts.
    let checked = env.run_with_stdin(&["validate", "-"], sheet.to_string().as_bytes());
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn pages_give_their_metadata_and_flags_win() {
    let env = TestEnv::new();
    let page = env.dir.path().join("page.html");
    std::fs::write(
        &page,
        r#"<html><head><title>Ignored | Site</title>
        <meta property="og:title" content="Commerce adds SMIC to its list">
        <meta property="article:published_time" content="2020-12-18T09:00:00Z">
        <meta property="og:site_name" content="Example News"></head>
        <body><nav>Home | World</nav><article><p>The Commerce Department added SMIC to the Entity List.</p></article>
        <footer>Cookie settings</footer></body></html>"#,
    )
    .expect("write page");
    let path = page.to_str().expect("path");
    let sheet = extract(&env, &[path]);
    assert_eq!(sheet["article"]["title"], "Commerce adds SMIC to its list");
    assert_eq!(sheet["article"]["published"], "2020-12-18");
    assert_eq!(sheet["article"]["publisher"], "Example News");
    let names: Vec<&str> = sheet["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains("SMIC") || n.contains("Semiconductor Manufacturing")),
        "{names:?}"
    );
    assert!(!sheet.to_string().contains("Cookie"));
    let titled = extract(
        &env,
        &[
            path,
            "--title",
            "Given title",
            "--url",
            "https://example.org/a",
        ],
    );
    assert_eq!(titled["article"]["title"], "Given title");
    assert_eq!(titled["article"]["url"], "https://example.org/a");
    let bad_date = env.run(&["extract", path, "--date", "18/12/2020"]);
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));
}

#[test]
fn publication_dates_come_from_the_text_or_the_file_name_else_a_warning_names_the_file() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let dated_line = dir.join("story.txt");
    std::fs::write(
        &dated_line,
        "Treasury Sanctions Two Banks\n\nMarch 3, 2022\nThe Treasury Department on Tuesday sanctioned Sberbank.\n",
    )
    .expect("write");
    let named = dir.join("2021-06-09-order.txt");
    std::fs::write(&named, "An order\n\nThe order was signed on Wednesday.\n").expect("write");
    let undated = dir.join("undated.txt");
    std::fs::write(&undated, "An order\n\nThe order was signed on Wednesday.\n").expect("write");
    for (file, published) in [(&dated_line, "2022-03-03"), (&named, "2021-06-09")] {
        let output = env.run(&["extract", file.to_str().expect("path")]);
        assert!(output.status.success(), "{}", stderr(&output));
        let sheet: Value = serde_json::from_slice(&output.stdout).expect("sheet");
        assert_eq!(
            sheet["article"]["published"],
            published,
            "{}",
            file.display()
        );
        assert!(
            !stderr(&output).contains("no publication date"),
            "{}",
            stderr(&output)
        );
    }
    let output = env.run(&["extract", undated.to_str().expect("path")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warning = stderr(&output);
    assert!(
        warning.contains("undated.txt: no publication date found") && warning.contains("--date"),
        "{warning}"
    );
}

#[test]
fn odd_inputs_have_clear_outcomes() {
    let env = TestEnv::new();
    // Nothing to read and no title: no sheet, since a sheet needs a title.
    let empty = env.run_with_stdin(&["extract", "-", "--id", "empty"], b"");
    assert_eq!(empty.status.code(), Some(1), "{}", stderr(&empty));
    assert!(
        stderr(&empty).contains("no article text"),
        "{}",
        stderr(&empty)
    );
    assert!(empty.stdout.is_empty());
    let titled = env.run_with_stdin(&["extract", "-", "--id", "empty", "--title", "Empty"], b"");
    assert!(titled.status.success(), "{}", stderr(&titled));
    let sheet: Value = serde_json::from_slice(&titled.stdout).expect("sheet");
    assert_eq!(sheet["facts"], serde_json::json!([]));

    let latin1 = env.dir.path().join("latin1.txt");
    std::fs::write(
        &latin1,
        b"Caf\xe9 owner Alibaba Group Holding said nothing.",
    )
    .expect("write");
    let output = env.run(&["extract", latin1.to_str().expect("path")]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("is not UTF-8"),
        "{}",
        stderr(&output)
    );

    // 20 MB in one paragraph, and markup nested 50,000 deep: read, not a crash or a hang.
    let big = env.dir.path().join("big.txt");
    let mut file = std::fs::File::create(&big).expect("create");
    let sentence = "Ant Group's Alipay and Tencent's WeChat Pay were named by Commerce Secretary Wilbur Ross and ";
    for _ in 0..(20 * 1024 * 1024 / sentence.len()) {
        file.write_all(sentence.as_bytes()).expect("write");
    }
    drop(file);
    let sheet = extract(&env, &[big.to_str().expect("path")]);
    let facts = sheet["facts"].as_array().expect("facts");
    assert!(!facts.is_empty());
    let text = std::fs::read_to_string(&big).expect("big");
    for fact in facts {
        // A paragraph without full stops is quoted around the fact, not whole.
        let evidence = fact["evidence"].as_str().expect("evidence");
        assert!(evidence.len() < 2000, "{} bytes quoted", evidence.len());
        let span = fact["span"].as_array().expect("span");
        let (start, end) = (
            span[0].as_u64().expect("start") as usize,
            span[1].as_u64().expect("end") as usize,
        );
        assert_eq!(
            &text[start..end],
            evidence,
            "ASCII text: character and byte offsets agree"
        );
    }
    let nested = env.dir.path().join("nested.html");
    let page = format!(
        "{}<p>Alipay is owned by Ant Group.</p>{}",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    std::fs::write(&nested, page).expect("write");
    let sheet = extract(&env, &[nested.to_str().expect("path")]);
    assert_eq!(sheet["facts"].as_array().map(Vec::len), Some(1), "{sheet}");
}

#[test]
fn a_text_article_ingests_into_a_searchable_chain() {
    let env = TestEnv::new();
    let articles = env.dir.path().join("articles");
    std::fs::create_dir(&articles).expect("dir");
    std::fs::write(
        articles.join("alipay-ban.txt"),
        "Trump bans eight Chinese apps\n\nWASHINGTON (FG Wire) - U.S. President Donald Trump signed Executive Order 13971 on Tuesday. \
         Executive Order 13971 bans transactions with Alipay, WeChat Pay and CamScanner. \
         Alipay is owned by Ant Group, the fintech affiliate of Alibaba Group Holding.\n",
    )
    .expect("write");
    env.ok(&["ingest", "-q", articles.to_str().expect("path")]);
    let path = env.ok(&["path", "Donald Trump", "Ant Group"]);
    assert!(
        path.starts_with(
            "Donald Trump —signs→ Executive Order 13971 —bans→ Alipay —ownedBy→ Ant Group"
        ),
        "{path}"
    );
    let id = extract(
        &env,
        &[articles.join("alipay-ban.txt").to_str().expect("path")],
    )["article"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert!(path.contains(&format!("[{id}")), "{path}");
}

#[test]
fn eval_scores_predictions_against_gold_sheets() {
    let env = TestEnv::new();
    let gold = repo_str("data/eval/written/gold");
    let perfect: Value =
        serde_json::from_str(&env.ok(&["--json", "eval", "--gold", &gold, &gold])).expect("scores");
    assert_eq!(perfect["splits"][0]["summary"]["facts"]["f1"], 1.0);
    assert_eq!(perfect["splits"][0]["summary"]["entities"]["f1"], 1.0);

    let predicted = env.dir.path().join("predicted");
    std::fs::create_dir(&predicted).expect("dir");
    let names = [
        "ev-2021-01-06-alipay-ban",
        "ev-2020-11-03-ant-ipo-suspended",
    ];
    let gold_dir = env.dir.path().join("gold");
    std::fs::create_dir(&gold_dir).expect("dir");
    let articles = env.dir.path().join("articles");
    std::fs::create_dir(&articles).expect("dir");
    for name in names {
        let file = format!("{name}.json");
        std::fs::copy(
            repo("data/eval/written/gold").join(&file),
            gold_dir.join(&file),
        )
        .expect("copy");
        let article = repo("data/eval/written/articles").join(format!("{name}.txt"));
        std::fs::copy(&article, articles.join(format!("{name}.txt"))).expect("copy");
        let sheet = env.ok(&["extract", article.to_str().expect("path")]);
        std::fs::write(predicted.join(&file), sheet).expect("write");
    }
    let from_sheets = env.ok(&[
        "eval",
        "--documents",
        "--gold",
        gold_dir.to_str().expect("path"),
        predicted.to_str().expect("path"),
    ]);
    assert!(
        from_sheets.contains("ev-2021-01-06-alipay-ban"),
        "{from_sheets}"
    );
    assert!(
        from_sheets
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("all documents pooled") && l.contains("   2   ")),
        "{from_sheets}"
    );
    // A folder of articles is extracted on the way, as `extract` would: the same scores.
    let from_articles = env.ok(&[
        "eval",
        "--documents",
        "--gold",
        gold_dir.to_str().expect("path"),
        articles.to_str().expect("path"),
    ]);
    assert_eq!(from_articles, from_sheets);

    std::fs::remove_file(predicted.join("ev-2020-11-03-ant-ipo-suspended.json")).expect("remove");
    let missing = env.run(&[
        "eval",
        "--gold",
        gold_dir.to_str().expect("path"),
        predicted.to_str().expect("path"),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("nothing in")
            && stderr(&missing).contains("ev-2020-11-03-ant-ipo-suspended"),
        "{}",
        stderr(&missing)
    );
}

/// The quality gate: the extractor's facts F1 on the test split of real published text,
/// averaged over its documents, may not fall below the floor last committed in
/// `data/eval/floor.json` (which only ever moves up).
#[test]
fn extraction_quality_on_the_test_split_keeps_to_its_floor() {
    let env = TestEnv::new();
    let floor: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("data/eval/floor.json")).expect("floor"),
    )
    .expect("floor JSON");
    let minimum = floor["facts_f1"].as_f64().expect("facts_f1");
    assert!(minimum > 0.0, "{floor}");
    let output = env.run(&[
        "eval",
        &repo_str("data/eval"),
        "--split",
        "test",
        "--min-facts-f1",
        &minimum.to_string(),
    ]);
    assert!(
        output.status.success(),
        "extraction quality fell:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    // The gate itself can fail: a floor above what is reached is refused.
    let above = env.run(&[
        "eval",
        &repo_str("data/eval"),
        "--split",
        "test",
        "--min-facts-f1",
        "0.999",
    ]);
    assert_eq!(above.status.code(), Some(1));
    assert!(
        stderr(&above).contains("below --min-facts-f1 0.999"),
        "{}",
        stderr(&above)
    );
}

/// Every gold sheet of the corpus is valid, names its own file, and quotes each evidence
/// exactly at its span; every document of the real-text splits has a recorded source.
#[test]
fn the_evaluation_corpus_is_consistent() {
    let env = TestEnv::new();
    for split in ["dev", "test", "written"] {
        env.ok(&["validate", &repo_str(&format!("data/eval/{split}/gold"))]);
    }
    let checked = std::process::Command::new("python3")
        .arg(repo("tests/check_gold.py"))
        .args(["dev", "test", "written"].map(|s| repo(&format!("data/eval/{s}"))))
        .output()
        .expect("python3 runs (install the checkers with `bash .ci/setup`)");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );
    let scores: Value = serde_json::from_str(&env.ok(&[
        "--json",
        "eval",
        &repo_str("data/eval"),
        "--split",
        "dev",
        "--split",
        "test",
    ]))
    .expect("scores");
    let mut topics = std::collections::BTreeSet::new();
    for split in scores["splits"].as_array().expect("splits") {
        for document in split["documents"].as_array().expect("documents") {
            let topic = document["topic"]
                .as_str()
                .unwrap_or_else(|| panic!("no source recorded for {}", document["article"]));
            topics.insert(topic.to_owned());
        }
    }
    assert!(topics.len() >= 12, "{topics:?}");
}

/// Change detectors, not a measure of quality: the sheets `extract` writes for the self-written
/// articles, checked in under tests/fixtures/extract/, so that any change to what the extractor
/// finds shows here. After an intended change, `FACTGRAPH_BLESS=1 cargo test --release --locked
/// extract::golden` writes them anew and fails; the next run checks them.
#[test]
fn golden_sheets_detect_changes_to_what_is_extracted_from_the_written_articles() {
    let env = TestEnv::new();
    let golden = repo("tests/fixtures/extract");
    let bless = std::env::var_os("FACTGRAPH_BLESS").is_some();
    let mut articles: Vec<_> = std::fs::read_dir(repo("data/eval/written/articles"))
        .expect("articles")
        .map(|e| e.expect("entry").path())
        .collect();
    articles.sort();
    assert!(articles.len() >= 15);
    let mut blessed = 0;
    for article in articles {
        let name = article
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        let sheet = env.ok(&["extract", article.to_str().expect("path")]);
        let expected = golden.join(format!("{name}.json"));
        if bless {
            std::fs::create_dir_all(&golden).expect("golden dir");
            std::fs::write(&expected, &sheet).expect("write golden");
            blessed += 1;
            continue;
        }
        let want = std::fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("no golden sheet {}", expected.display()));
        assert_eq!(sheet, want, "extract {} changed", article.display());
    }
    // Blessing writes; it never passes: the run that checks is the next one.
    assert!(
        !bless,
        "rewrote {blessed} golden sheets; review the change, then run again without FACTGRAPH_BLESS"
    );
}

#[test]
fn a_folder_of_articles_becomes_a_folder_of_sheets_that_never_overwrites_corrections() {
    let env = TestEnv::new();
    let articles = env.dir.path().join("articles");
    let nested = articles.join("more");
    std::fs::create_dir_all(&nested).expect("dirs");
    let source = repo("data/eval/written/articles");
    for (name, dir) in [
        ("ev-2021-01-06-alipay-ban.txt", &articles),
        ("ev-2020-11-03-ant-ipo-suspended.txt", &nested),
    ] {
        std::fs::copy(source.join(name), dir.join(name)).expect("copy");
    }
    std::fs::write(articles.join("notes.json"), "{}").expect("a sheet is no article");
    let page = env.dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><head><title>SMIC listed</title></head><body><article><p>The Commerce Department added SMIC to the Entity List on Dec. 18, 2020.</p></article></body></html>",
    )
    .expect("page");
    let sheets = env.dir.path().join("review/sheets");
    let dir = sheets.to_str().expect("path");
    let report = env.ok(&[
        "extract",
        articles.to_str().expect("path"),
        page.to_str().expect("path"),
        "-o",
        dir,
    ]);
    let mut written: Vec<String> = std::fs::read_dir(&sheets)
        .expect("the folder is made")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "ev-2020-11-03-ant-ipo-suspended.json",
            "ev-2021-01-06-alipay-ban.json",
            "page.json"
        ]
    );
    assert_eq!(
        report.lines().filter(|l| l.starts_with("wrote ")).count(),
        3,
        "{report}"
    );
    // Each sheet is what extracting its article alone gives.
    let alone = env.ok(&[
        "extract",
        &source
            .join("ev-2021-01-06-alipay-ban.txt")
            .to_string_lossy(),
    ]);
    assert_eq!(
        std::fs::read_to_string(sheets.join("ev-2021-01-06-alipay-ban.json")).expect("sheet"),
        alone
    );
    env.ok(&["validate", dir]);

    let again = env.ok(&["extract", articles.to_str().expect("path"), "-o", dir]);
    assert_eq!(
        again
            .lines()
            .filter(|l| l.starts_with("unchanged "))
            .count(),
        2,
        "{again}"
    );

    // A sheet a person corrected is kept, and the run says so and fails.
    let corrected = sheets.join("ev-2021-01-06-alipay-ban.json");
    let mut sheet: Value = serde_json::from_str(&alone).expect("sheet");
    sheet["facts"] = Value::Array(Vec::new());
    std::fs::write(&corrected, sheet.to_string()).expect("correct");
    let output = env.run(&["extract", articles.to_str().expect("path"), "-o", dir]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("not replaced")
            && stderr(&output).contains("ev-2021-01-06-alipay-ban.json"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&corrected).expect("kept"),
        sheet.to_string()
    );
    env.ok(&[
        "extract",
        articles.to_str().expect("path"),
        "-o",
        dir,
        "--force",
    ]);
    assert_eq!(
        std::fs::read_to_string(&corrected).expect("replaced"),
        alone
    );

    env.refused(
        &["extract", articles.to_str().expect("path")],
        1,
        "give `-o DIR`",
    );
    env.refused(
        &[
            "extract",
            articles.to_str().expect("path"),
            "-o",
            dir,
            "--title",
            "One",
        ],
        1,
        "--title describe one article",
    );
    let twin = env.dir.path().join("twin");
    std::fs::create_dir(&twin).expect("dir");
    std::fs::copy(
        source.join("ev-2021-01-06-alipay-ban.txt"),
        twin.join("ev-2021-01-06-alipay-ban.md"),
    )
    .expect("copy");
    let fresh = env.dir.path().join("fresh");
    env.refused(
        &[
            "extract",
            articles.to_str().expect("path"),
            twin.to_str().expect("path"),
            "-o",
            fresh.to_str().expect("path"),
        ],
        1,
        "would both be written to",
    );
    assert!(
        !fresh.exists(),
        "nothing is written when two articles would write one sheet"
    );

    // The folder of sheets and the folder of articles score as one input list against gold.
    let gold = env.dir.path().join("gold");
    std::fs::create_dir(&gold).expect("dir");
    for name in [
        "ev-2021-01-06-alipay-ban",
        "ev-2020-11-03-ant-ipo-suspended",
        "ev-2020-03-07-grindr-sale",
    ] {
        std::fs::copy(
            repo("data/eval/written/gold").join(format!("{name}.json")),
            gold.join(format!("{name}.json")),
        )
        .expect("copy");
    }
    let grindr = source.join("ev-2020-03-07-grindr-sale.txt");
    let scores: Value = serde_json::from_str(&env.ok(&[
        "--json",
        "eval",
        "--gold",
        gold.to_str().expect("path"),
        dir,
        grindr.to_str().expect("path"),
    ]))
    .expect("scores");
    let documents = scores["splits"][0]["documents"]
        .as_array()
        .expect("documents");
    assert_eq!(documents.len(), 3, "{scores}");
    let from_articles: Value = serde_json::from_str(&env.ok(&[
        "--json",
        "eval",
        "--gold",
        gold.to_str().expect("path"),
        articles.to_str().expect("path"),
        grindr.to_str().expect("path"),
    ]))
    .expect("scores");
    assert_eq!(
        scores, from_articles,
        "sheets written by extract -o score as their articles"
    );
}
