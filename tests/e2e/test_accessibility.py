"""axe-core (vendored from the npm registry, tests/e2e/vendor/) on the main pages of every kind of person,
in Swahili and English: no violation rated serious or critical.

axe is evaluated through the browser's debugging protocol, so the page's Content-Security-Policy
stays on and the page is checked exactly as people get it.
"""

from pathlib import Path

import pytest

from .pages import PEOPLE, open_page, pages_of, person_id

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
}"""


def serious_violations(page) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    return page.evaluate(RUN_AXE)


def test_axe_finds_a_planted_violation(window):
    """The harness works: an image without a text alternative and an unlabelled field are reported."""
    page = window()
    page.goto("/")
    page.evaluate("""() => {
      const main = document.querySelector("main");
      main.insertAdjacentHTML("beforeend", "<img src='/static/img/logo.svg'><input type='text'>");
    }""")
    found = " ".join(serious_violations(page))
    assert "image-alt" in found and "label" in found, found


@pytest.mark.parametrize("who", PEOPLE, ids=person_id)
def test_no_serious_accessibility_violation_on_the_main_pages(window, who):
    page = window(who)
    found = []
    for path, language in pages_of(who):
        open_page(page, path, language)
        found += [f"{page.url}: {violation}" for violation in serious_violations(page)]
    assert found == [], "\n".join(found)
