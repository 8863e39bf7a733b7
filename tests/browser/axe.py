"""The shared accessibility check: axe-core injected into the page, WCAG 2.1 A and AA rules."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page, context=None):
    """Fail on any WCAG 2.1 A/AA violation that axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async (context) => await axe.run(context || document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        })""",
        context,
    )
    violations = results["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"Accessibility violations on {page.url}:\n{report}"
