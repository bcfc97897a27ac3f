"""axe-core in the browser tests: every page of a journey is checked, and a serious or critical violation fails
the test with what axe says and where."""

from pathlib import Path

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    """The violations axe finds on ``page`` as it is now (WCAG 2.1 A and AA, the rules RGAA 4.1 builds on)."""
    # Evaluated by the browser's debugging protocol rather than added as a <script> element, which the pages'
    # Content-Security-Policy refuses (no inline script): the policy stays as in production.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return result["violations"]


def assert_accessible(page) -> None:
    """Fail on any serious or critical violation of the page as it is now."""
    failing = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"{page.url} :\n" + "\n".join(
        f"- [{v['impact']}] {v['id']} : {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in failing
    )
