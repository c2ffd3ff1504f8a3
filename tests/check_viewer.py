"""The viewer in a real browser: headless Chromium driven over WebDriver (Selenium).

Started by tests/viewer.rs against a running `factgraph serve` on the seed articles:

    python3 tests/check_viewer.py --base http://127.0.0.1:PORT --screenshots DIR [--xss-name NAME]

Loads every page and fails on any message the browser logs as an error (a script error, a
blocked resource, a failed request, a Content-Security-Policy violation); types into the search
box and waits for the completion; finds the path from Donald Trump to Ant Group through the form
and reads the chain and the evidence of each hop; opens an article; runs a SPARQL query and reads
the table; given --hubs-base (a server on tests/fixtures/hubs/), reads the hub warning and the
support lines of two paths from Biden to Sberbank and follows the link that avoids the hub; and
saves a screenshot of each page in DIR. Fails (exit 1), never skips, when Chromium
or its driver is missing.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import urllib.parse

EXPECTED_CHAIN = ["Donald Trump", "Executive Order 13971", "Alipay", "Ant Group"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    fail("the Python package selenium is missing: run `bash .ci/setup` (pinned in tests/requirements.txt)")


def find_program(names):
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def start_browser(scratch):
    browser = find_program(["chromium", "chromium-browser"])
    driver = find_program(["chromedriver"])
    if browser is None or driver is None:
        fail(
            "Chromium and its WebDriver are needed (Debian: apt-get install chromium chromium-driver; "
            "`bash .ci/setup` installs them); found browser="
            + str(browser)
            + ", driver="
            + str(driver)
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in [
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--force-device-scale-factor=1",
        # Offline as the viewer must be: nothing but the server on loopback may answer.
        "--no-proxy-server",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-features=OptimizationHints,MediaRouter,Translate",
    ]:
        options.add_argument(argument)
    options.add_argument("--user-data-dir=" + os.path.join(scratch, "profile"))
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver is Debian's, given by path: Selenium must not go looking for one to download.
    # Its and the browser's temporary files go to this run's scratch folder, removed at the end.
    service = Service(executable_path=driver, env={**os.environ, "TMPDIR": scratch})
    return webdriver.Chrome(service=service, options=options)


class Checker:
    def __init__(self, driver, base, shots):
        self.driver = driver
        self.base = base.rstrip("/")
        self.shots = shots
        self.wait = WebDriverWait(driver, 20)
        self.checked = 0

    def open(self, path):
        self.driver.get(self.base + path)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")

    def until(self, what, condition):
        try:
            return self.wait.until(condition)
        except TimeoutException:
            self.screenshot("failed-" + what.replace(" ", "-"))
            fail(f"timed out waiting for {what} on {self.driver.current_url}")

    def console_errors(self, page):
        errors = [e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]
        if errors:
            self.screenshot("failed-" + page)
            fail(f"the browser logged errors on the {page} page: " + "; ".join(e["message"] for e in errors))
        self.checked += 1

    def screenshot(self, name):
        height = self.driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
        )
        self.driver.set_window_size(1280, max(600, min(int(height) + 40, 4000)))
        path = os.path.join(self.shots, name + ".png")
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1280, 900)
        print(f"screenshot: {path}")

    def text(self, selector):
        return [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, selector)]

    def count(self, selector):
        return len(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def assert_no_external_requests(self, page):
        outside = self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(u => !u.startsWith(location.origin + '/'))"
        )
        if outside:
            fail(f"the {page} page fetched from elsewhere: {outside}")

    # ---- the pages -------------------------------------------------------------------------

    def home_and_search(self):
        self.open("/")
        search = self.driver.find_element(By.CSS_SELECTOR, "form.big-search input[data-complete]")
        search.send_keys("Alip")
        self.until(
            "the completion of `Alip`",
            lambda d: any("Alipay" in t for t in self.text("form.big-search .completions li")),
        )
        options = self.text("form.big-search .completions li")
        if not options or "Alipay" not in options[0]:
            fail(f"`Alip` should complete to Alipay first, got {options}")
        self.screenshot("home-search-completion")
        self.console_errors("home")
        # An alias completes too, and choosing a completion opens the entity.
        search.clear()
        search.send_keys("Ant Fin")
        self.until(
            "the completion of the alias `Ant Fin`",
            lambda d: any("Ant Group" in t for t in self.text("form.big-search .completions li")),
        )
        search.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
        self.until("the entity page of Ant Group", lambda d: "Ant Group" in d.find_element(By.TAG_NAME, "h1").text)
        self.console_errors("entity (from the search)")

    def entity(self):
        self.open("/view/entity?name=" + urllib.parse.quote("Donald Trump"))
        self.until("the neighbourhood drawing", lambda d: self.count("svg.graph .node circle") > 3)
        nodes = self.count("svg.graph .node circle")
        legend = self.text(".legend .legend-item")
        if "Person" not in legend or "LegalInstrument" not in legend:
            fail(f"the legend should name the classes drawn, got {legend}")
        groups = self.driver.find_elements(By.CSS_SELECTOR, ".facts .group")
        predicates = [g.get_attribute("data-predicate") for g in groups]
        if "signs" not in predicates:
            fail(f"Donald Trump's facts should be grouped by predicate, with `signs`; got {predicates}")
        evidence = self.text(".group[data-predicate=signs] q.evidence")
        if not any("signed an executive order" in e for e in evidence):
            fail(f"the `signs` facts should show their evidence sentences, got {evidence}")
        # The drawing is laid out inside its box, each node on the canvas.
        inside = self.driver.execute_script(
            """
            const svg = document.querySelector('svg.graph');
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('.node circle')].every(c => {
              const x = +c.getAttribute('cx'), y = +c.getAttribute('cy');
              return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
            });
            """
        )
        if not inside:
            fail("a node of the neighbourhood lies outside the drawing")
        print(f"entity page: {nodes} entities drawn, legend {legend}")
        self.screenshot("entity-donald-trump")
        self.console_errors("entity")
        self.assert_no_external_requests("entity")
        self.open("/view/entity?name=" + urllib.parse.quote("Ant Group") + "&hops=2")
        self.until("the two-hop neighbourhood", lambda d: self.count("svg.graph .node circle") > 3)
        self.screenshot("entity-ant-group-2-hops")
        self.console_errors("entity (2 hops)")

    def path(self):
        self.open("/view/path")
        form = self.driver.find_element(By.CSS_SELECTOR, "form.path-form")
        origin = form.find_element(By.NAME, "from")
        origin.send_keys("Donald Tr")
        self.until(
            "the completion of `Donald Tr`",
            lambda d: any("Donald Trump" in t for t in self.text("form.path-form .completions li")),
        )
        origin.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
        if origin.get_attribute("value") != "Donald Trump":
            fail(f"choosing the completion should fill `Donald Trump`, got {origin.get_attribute('value')!r}")
        form.find_element(By.NAME, "to").send_keys("Ant Group")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.until("a path", lambda d: self.count("section.path p.chain") > 0)
        chain = self.text("#path-1 p.chain .node")
        if chain != EXPECTED_CHAIN:
            fail(f"the chain should be {' → '.join(EXPECTED_CHAIN)}, got {' → '.join(chain)}")
        print("path page: " + " → ".join(chain))
        hops = self.driver.find_elements(By.CSS_SELECTOR, "#path-1 li.hop")
        if len(hops) != 3:
            fail(f"three hops should be listed, got {len(hops)}")
        for hop in hops:
            sentences = [q.text for q in hop.find_elements(By.CSS_SELECTOR, "q.evidence") if q.text.strip()]
            articles = hop.find_elements(By.CSS_SELECTOR, "a.article")
            if not sentences or not articles:
                fail(f"the hop `{hop.find_element(By.CSS_SELECTOR, '.hop-fact').text}` shows no evidence or no article")
        self.until("the chain drawing", lambda d: self.count("#path-1 svg.chain-graph rect") == 4)
        drawn = self.text("#path-1 svg.chain-graph .node-label")
        if drawn != EXPECTED_CHAIN:
            fail(f"the drawing should show {EXPECTED_CHAIN}, got {drawn}")
        self.screenshot("path-donald-trump-ant-group")
        self.console_errors("path")
        self.assert_no_external_requests("path")
        # The filters of `path` reach the search: without `bans` and `signs` there is no such chain.
        self.open(
            "/view/path?from=Donald+Trump&to=Ant+Group&k=3&not-via=bans"
        )
        chains = [" → ".join(self.text(f"#path-{i} p.chain .node")) for i in range(1, self.count("section.path") + 1)]
        if any(c == " → ".join(EXPECTED_CHAIN) for c in chains):
            fail(f"with not-via=bans the chain through `bans` should be gone, got {chains}")
        self.console_errors("path (filtered)")
        # From the path to the article behind the first hop.
        self.open("/view/path?from=Donald+Trump&to=Ant+Group")
        link = self.driver.find_element(By.CSS_SELECTOR, "#path-1 li.hop a.article")
        link.click()
        self.until("the article page", lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-page=article]"))

    def article(self):
        self.until("the article's facts", lambda d: self.count(".sentence blockquote.evidence") > 0)
        sentences = self.count(".sentence blockquote.evidence")
        facts = self.count(".sentence ul.stated li")
        if facts == 0:
            fail("the article page should list the facts under their sentences")
        print(f"article page: {facts} facts under {sentences} sentences")
        self.screenshot("article")
        self.console_errors("article")
        self.open("/view/articles")
        rows = self.count("table.articles tbody tr")
        if rows < 7:
            fail(f"the article list should list the seven seed articles, got {rows}")
        self.screenshot("articles")
        self.console_errors("articles")

    def sparql(self):
        self.open("/view/sparql")
        textarea = self.driver.find_element(By.ID, "query")
        textarea.clear()
        textarea.send_keys(
            "SELECT ?app ?label WHERE { ?order fg:bans ?app . ?app rdfs:label ?label } ORDER BY ?label"
        )
        self.driver.find_element(By.ID, "run").click()
        self.until("the results table", lambda d: self.count("#results table tbody tr") > 0)
        labels = [row.text for row in self.driver.find_elements(By.CSS_SELECTOR, "#results tbody tr td:nth-child(2)")]
        if "Alipay" not in labels:
            fail(f"the table should list Alipay among the banned apps, got {labels}")
        links = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#results tbody td a")]
        if not links or not all("/view/entity?iri=" in link for link in links):
            fail(f"entity IRIs should link to their pages, got {links}")
        print(f"SPARQL page: {len(labels)} rows")
        self.screenshot("sparql")
        self.console_errors("sparql")
        # A link from the table opens the entity.
        self.driver.find_element(By.CSS_SELECTOR, "#results tbody td a").click()
        self.until("an entity page from the table", lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-page=entity]"))
        self.console_errors("entity (from SPARQL)")

    def hubs(self, base):
        self.base = base.rstrip("/")
        self.open("/view/path?from=Biden&to=Sberbank&k=2")
        self.until("two paths", lambda d: self.count("section.path") == 2)
        if self.count("#path-1 .hub-warning") != 0:
            fail("the specific chain to Sberbank passes no hub, yet the page warns of one")
        warning = self.text("#path-2 .hub-warning")
        if len(warning) != 1 or "Russia" not in warning[0] or "6 members" not in warning[0]:
            fail(f"the path through Russia should warn of it once, got {warning}")
        supports = self.text("section.path p.support")
        if len(supports) != 2 or not all("weakest hop stated by 1 article" in s for s in supports):
            fail(f"each path should say what holds it up, got {supports}")
        answer = self.text("p.answer-support")
        if answer != ["No single article's removal breaks every path above."]:
            fail(f"the answer should say no one article breaks both paths, got {answer}")
        print("hub warning: " + warning[0])
        self.screenshot("path-through-a-hub")
        self.console_errors("path (through a hub)")
        self.driver.find_element(By.CSS_SELECTOR, "#path-2 .hub-warning a.avoid").click()
        self.until("the search around the hub", lambda d: "avoid=Russia" in d.current_url)
        self.until("a path around the hub", lambda d: self.count("section.path") > 0)
        if self.count(".hub-warning") != 0:
            fail("avoiding Russia, no path should pass a hub")
        self.console_errors("path (around the hub)")

    def markup_in_labels(self, name):
        self.open("/view/entity?name=" + urllib.parse.quote(name))
        heading = self.driver.find_element(By.TAG_NAME, "h1").text
        if name not in heading:
            fail(f"a label holding markup should be shown as text; the heading reads {heading!r}")
        if self.driver.execute_script("return window.pwned !== undefined"):
            fail("a script in a label ran")
        self.until("the neighbourhood drawing", lambda d: self.count("svg.graph .node circle") > 1)
        self.screenshot("entity-markup-label")
        self.console_errors("entity (markup in the label)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--xss-name")
    parser.add_argument("--hubs-base")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="factgraph-viewer-") as scratch:
        driver = start_browser(scratch)
        try:
            checker = Checker(driver, args.base, args.screenshots)
            checker.home_and_search()
            checker.entity()
            checker.path()
            checker.article()
            checker.sparql()
            if args.xss_name:
                checker.markup_in_labels(args.xss_name)
            if args.hubs_base:
                checker.hubs(args.hubs_base)
        finally:
            driver.quit()
    print(
        f"viewer checked in Chromium: {checker.checked} page loads without a console error, "
        f"screenshots in {args.screenshots} ({time.monotonic() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
