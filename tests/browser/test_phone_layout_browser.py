"""A visitor on a phone (375 × 667 px) sees the first result of every listing on the first screen,
with the filters folded into one line above the results; nothing is wider than the screen; the
month view is a list of days; focus rings read at 3:1; a link skips the filters. At 1280 px the
filters stay unfolded beside or above the results, as before."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
WIDE = {"width": 1280, "height": 900}

# (path, the first result, the id of the results the skip link leads to, the summary's title)
LISTINGS = [
    ("/agenda/", ".ag-seance", "ag-results", "Filtrer l’agenda"),
    ("/fiches-experiences/", ".fi-card", "fi-results", "Trouver une expérience"),
    ("/annuaire/", "#an-results .rc-results > li", "an-results", "Filtrer"),
    ("/annuaire/personnes/", "#an-results .rc-results > li", "an-results", "Filtrer"),
]
# The first line of a result's title: the result is on the first screen when it shows.
TITLE_LINE = 24

# WCAG's contrast ratio of the focused element's outline against what it is drawn on: the first
# opaque background under a point of the outline (just above the element, or below it at the top
# of the page), whatever the markup's nesting.
FOCUS_RING = """(el) => {
  const rgba = (c) => { const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number); return {r, g, b, a}; };
  const lum = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  el.scrollIntoView({block: "center"});
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const out = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2;
  const y = box.top - out >= 0 ? box.top - out : box.bottom + out;
  let background = {r: 255, g: 255, b: 255, a: 1};
  for (const node of document.elementsFromPoint(box.left + box.width / 2, y)) {
    if (node === el || el.contains(node)) continue;
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour.a === 1) { background = colour; break; }
  }
  const [high, low] = [lum(rgba(style.outlineColor)), lum(background)].sort((a, b) => b - a);
  return {
    focusVisible: el.matches(':focus-visible'), style: style.outlineStyle,
    width: parseFloat(style.outlineWidth), ratio: (high + 0.05) / (low + 0.05),
    ring: style.outlineColor, background: `rgb(${background.r}, ${background.g}, ${background.b})`,
  };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def assert_focus_ring_contrast(page, locator, minimum=3):
    locator.focus()
    ring = locator.evaluate(FOCUS_RING)
    assert ring["focusVisible"], ring
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert ring["ratio"] >= minimum, f"{page.url}: focus ring {ring}"
    return ring["ratio"]


def tab_to(page, name, limit=40):
    """Press Tab until the link named `name` has focus; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return presses
    raise AssertionError(f"{name!r} not reached in {limit} Tab presses on {page.url}")


def test_on_a_phone_the_first_result_shows_on_the_first_screen(demo_site, live_server, phone):
    for path, first, results_id, title in LISTINGS:
        phone.goto(live_server.url + path)
        result = phone.locator(first).first
        expect(result).to_be_visible()
        heading = result.locator("h2, h3").first.bounding_box()
        assert heading["y"] + TITLE_LINE <= PHONE["height"], (path, heading)
        assert scroll_width(phone) <= PHONE["width"], path

        # The filters wait, folded, above the results; one tap unfolds them.
        summary = phone.locator("summary.rc-filter-block__summary")
        expect(summary).to_have_text(title)
        form = phone.locator("form.rc-filters")
        expect(form).to_be_hidden()
        assert summary.bounding_box()["y"] < result.bounding_box()["y"]
        assert_accessible(phone)
        summary.click()
        expect(form).to_be_visible()
        expect(form.get_by_role("button", name="Appliquer les filtres")).to_be_visible()
        assert scroll_width(phone) <= PHONE["width"], path
        assert_accessible(phone)

        # From the keyboard, "Aller aux résultats" comes before the filters and lands on the
        # results; the next Tab is in them.
        phone.goto(live_server.url + path)
        tab_to(phone, "Aller aux résultats")
        skip = phone.get_by_role("link", name="Aller aux résultats")
        expect(skip).to_be_visible()
        assert_focus_ring_contrast(phone, skip)
        phone.keyboard.press("Enter")
        assert phone.evaluate("document.activeElement.id") == results_id
        phone.keyboard.press("Tab")
        assert phone.evaluate(
            f"document.getElementById('{results_id}').contains(document.activeElement)"
        )


def test_on_a_phone_the_summary_counts_the_active_filters_and_a_checked_option_shows(
    demo_site, live_server, phone
):
    phone.goto(live_server.url + "/agenda/?format=forum&format=atelier")
    summary = phone.locator("summary.rc-filter-block__summary")
    expect(summary).to_have_text("Filtrer l’agenda (2 filtres actifs)")
    assert phone.locator(".ag-seance").first.bounding_box()["y"] < PHONE["height"]
    # The active filters, each removable, are in the fold with the form.
    remove = phone.get_by_role("link", name="Retirer le filtre Format : Forum")
    expect(remove).to_be_hidden()
    summary.click()
    expect(remove).to_be_visible()
    formats = phone.get_by_role("group", name="Format")
    # Forum is past the first six formats: its fold is open because it is checked.
    expect(formats.get_by_label("Forum")).to_be_visible()
    expect(formats.get_by_label("Forum")).to_be_checked()
    assert formats.locator("summary").inner_text() == "Voir moins"
    assert_accessible(phone)


def test_every_checkbox_option_is_in_view_or_behind_an_explicit_show_more(
    demo_site, live_server, page
):
    page.goto(live_server.url + "/agenda/")
    fieldsets = page.locator("form.rc-filters fieldset")
    assert fieldsets.count() >= 4
    for fieldset in fieldsets.all():
        # No inner scroll: the group is as tall as its content.
        assert fieldset.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), fieldset
        assert fieldset.evaluate("el => getComputedStyle(el).overflowY") == "visible"
    formats = page.get_by_role("group", name="Format")
    expect(formats.get_by_label("Atelier")).to_be_visible()
    more = formats.locator("summary")
    hidden = formats.locator("details input[type=checkbox]")
    assert more.inner_text() == f"Voir plus ({hidden.count()})"
    expect(formats.get_by_label("Formation")).to_be_hidden()
    more.click()
    for checkbox in hidden.all():
        expect(checkbox).to_be_visible()
    assert more.inner_text() == "Voir moins"
    formats.get_by_label("Formation").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"format=formation"))
    expect(page.get_by_role("group", name="Format").get_by_label("Formation")).to_be_checked()
    expect(page.get_by_role("group", name="Format").get_by_label("Formation")).to_be_visible()
    # A short group shows all its options, without a fold.
    expect(page.get_by_role("group", name="Public visé").locator("summary")).to_have_count(0)
    assert_accessible(page)


def test_wide_screens_keep_the_filters_unfolded(demo_site, live_server, page):
    page.set_viewport_size(WIDE)
    for path, first, results_id, title in LISTINGS:
        page.goto(live_server.url + path)
        form = page.locator("form.rc-filters")
        expect(form).to_be_visible()
        expect(page.locator("summary.rc-filter-block__summary")).to_be_hidden()
        expect(form.get_by_role("heading", name=title)).to_be_visible()
        result = page.locator(first).first
        expect(result).to_be_visible()
        assert scroll_width(page) <= WIDE["width"], path
        # Beside the results, which start on the first screen.
        assert form.bounding_box()["x"] + form.bounding_box()["width"] <= result.bounding_box()["x"]
        assert result.bounding_box()["y"] < WIDE["height"], path
        # Keyboard users skip the filters' tab stops.
        presses = tab_to(page, "Aller aux résultats")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == results_id
        assert presses < 25, path
        assert_accessible(page)


def test_the_month_view_is_a_list_of_days_on_a_phone_and_a_grid_on_wide_screens(
    demo_site, live_server, phone, page
):
    phone.goto(live_server.url + "/agenda/")
    phone.get_by_role("link", name="Vue par mois").click()
    expect(phone.locator(".ag-calendar")).to_be_visible()
    assert scroll_width(phone) <= PHONE["width"]
    # The month's first séance (the days of the months around it are not listed on a phone).
    seance = phone.locator(".ag-calendar td:not(.ag-calendar__other) li").first
    expect(seance).to_be_visible()
    assert seance.bounding_box()["y"] < PHONE["height"]
    # One day under the other, named in full; days without a séance and weekday headers are gone.
    days = phone.locator(".ag-calendar td:visible")
    assert days.count() >= 2
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1 and first["width"] > 300
    expect(days.first.locator(".ag-calendar__day")).to_have_text(
        re.compile(r"^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d+ \w+", re.I)
    )
    assert all(day.locator("li").count() for day in days.all())
    expect(phone.locator(".ag-calendar thead")).to_be_hidden()
    assert_accessible(phone)
    next_month = phone.get_by_role("link", name=re.compile("Mois suivant"))
    href = next_month.get_attribute("href")
    next_month.click()
    # Measured once the next month has loaded, not while the old page is being replaced.
    phone.wait_for_url(re.compile(re.escape(href) + "$"))
    assert scroll_width(phone) <= PHONE["width"]
    assert_accessible(phone)

    page.goto(live_server.url + "/agenda/mois/")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("columnheader")).to_have_count(7)
    cells = page.locator(".ag-calendar tbody tr").first.locator("td")
    assert cells.nth(0).bounding_box()["y"] == cells.nth(6).bounding_box()["y"]
    assert scroll_width(page) <= WIDE["width"]
    assert_accessible(page)


def test_focus_rings_read_at_three_to_one_on_every_background(demo_site, live_server, phone, page):
    page.goto(live_server.url + "/agenda/")
    ratios = {
        "a result's link (white)": page.locator(".ag-seance__title a").first,
        "a checkbox (filter block)": page.get_by_role("group", name="Format").get_by_label(
            "Atelier"
        ),
        "the filter button (filter block)": page.get_by_role(
            "button", name="Appliquer les filtres"
        ),
        "a menu link (primary band)": page.get_by_role("navigation", name="Menu principal")
        .get_by_role("link")
        .first,
        "a footer link (dark band)": page.locator(".rc-footer a").first,
        "the header search box": page.get_by_role("searchbox", name="Rechercher sur le site"),
    }
    for label, locator in ratios.items():
        ratio = assert_focus_ring_contrast(page, locator)
        assert ratio >= 3, label

    phone.goto(live_server.url + "/fiches-experiences/")
    assert_focus_ring_contrast(phone, phone.locator("summary.rc-filter-block__summary"))
    assert_focus_ring_contrast(phone, phone.locator("summary.rc-nav__summary"))
    tab_to(phone, "Aller au contenu")
    assert_focus_ring_contrast(phone, phone.get_by_role("link", name="Aller au contenu"))
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"


def test_no_public_page_of_the_demo_is_wider_than_a_phone(demo_site, live_server, phone):
    """Every page a visitor can reach from the home page by its links, at 375 px: a few of each
    kind (the URL's first two segments), leaving out files, feeds and the admin."""
    skipped = re.compile(
        r"/(admin|static|media|documents)/|/(ical|ics|rss|atom|export)/|-csv/|-xlsx/"
    )
    seen, queue, per_kind, wide = set(), ["/"], {}, []
    while queue:
        path = queue.pop(0)
        kind = "/".join(path.split("/")[:3])
        if path in seen or per_kind.get(kind, 0) >= 3:
            continue
        seen.add(path)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        response = phone.goto(live_server.url + path)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        if scroll_width(phone) > PHONE["width"]:
            wide.append((path, scroll_width(phone)))
        for href in phone.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urlsplit(urljoin(live_server.url + path, href))
            if url.netloc == urlsplit(live_server.url).netloc and not skipped.search(url.path):
                queue.append(url.path)
    assert len(seen) > 30
    assert not wide, f"wider than 375 px: {wide}"


def test_a_long_unbroken_keyword_stays_within_a_phone(demo_site, live_server, phone):
    """The keyword comes back in the filters' summary, its removal chip and the picker: one word
    of 200 letters wraps instead of pushing the page sideways."""
    word = "médiation" * 22
    phone.goto(f"{live_server.url}/agenda/mois/?q={word}")
    assert scroll_width(phone) <= PHONE["width"]
    for path in ("/agenda/", "/fiches-experiences/", "/annuaire/"):
        phone.goto(f"{live_server.url}{path}?q={word}")
        assert scroll_width(phone) <= PHONE["width"], path
        phone.locator("summary.rc-filter-block__summary").click()
        expect(phone.locator("form.rc-filters")).to_be_visible()
        assert scroll_width(phone) <= PHONE["width"], path
        # Searched in the territoire picker: the filters come back unfolded.
        phone.goto(f"{live_server.url}{path}?q={word}&territoire_q={word}")
        expect(phone.locator("form.rc-filters")).to_be_visible()
        assert scroll_width(phone) <= PHONE["width"], path


@pytest.mark.parametrize("width", [601, 640, 700, 768])
def test_the_month_view_fits_between_a_phone_and_a_wide_screen(demo_site, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/agenda/mois/")
    expect(page.locator(".ag-calendar")).to_be_visible()
    assert scroll_width(page) <= width
