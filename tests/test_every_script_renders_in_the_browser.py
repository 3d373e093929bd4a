"""In a real browser with the fonts a kiosk has (docs/languages.md: Debian's fonts-noto-core),
a Khoya-Paya page shows each scheduled language in its own script with the Noto font made for
it: no character is left to a font that lacks it (a box, the .notdef glyph)."""

import pytest

from tests.test_every_page_is_accessible import browser  # noqa: F401
from trackchild.languages import SCHEDULED_LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True)

# The font that must draw each script; Urdu and Kashmiri are read in Nastaliq.
FONT_OF_SCRIPT = {
    "Devanagari": "Noto Sans Devanagari",
    "Bengali": "Noto Sans Bengali",
    "Odia": "Noto Sans Oriya",
    "Tamil": "Noto Sans Tamil",
    "Telugu": "Noto Sans Telugu",
    "Kannada": "Noto Sans Kannada",
    "Malayalam": "Noto Sans Malayalam",
    "Gujarati": "Noto Sans Gujarati",
    "Gurmukhi": "Noto Sans Gurmukhi",
    "Arabic": "Noto Naskh Arabic",
    "Ol Chiki": "Noto Sans Ol Chiki",
    "Meetei Mayek": "Noto Sans Meetei Mayek",
}
NASTALIQ = {"ur", "ks"}
# Spaces and digits may come from the first font of the stack.
SHARED = {"NotoSans"}


def expected_font(language):
    font = "Noto Nastaliq Urdu" if language.code in NASTALIQ else FONT_OF_SCRIPT[language.script]
    return font.replace(" ", "")


def fonts_drawing(page, cdp, selector):
    document = cdp.send("DOM.getDocument")
    node = cdp.send(
        "DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": selector}
    )
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    # Some fonts' own names differ from fontconfig's by a space ("Noto Sans MeeteiMayek").
    return {font["familyName"].replace(" ", ""): font["glyphCount"] for font in fonts}


def test_each_language_is_drawn_in_its_own_noto_font(browser, live_server):  # noqa: F811
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/khoya-paya/")
    # Each language's own name and a sentence of digits, in the page's own stylesheets.
    page.evaluate(
        """languages => { for (const [code, text] of languages) {
            const p = document.createElement("p");
            p.id = `script-${code}`; p.lang = code; p.textContent = `${text} 1098`;
            document.querySelector("main").append(p);
        } }""",
        [[language.code, language.name_local] for language in SCHEDULED_LANGUAGES],
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")

    wrong = {}
    for language in SCHEDULED_LANGUAGES:
        fonts = fonts_drawing(page, cdp, f"#script-{language.code}")
        expected = expected_font(language)
        if expected not in fonts or set(fonts) - SHARED - {expected}:
            wrong[language.code] = (expected, fonts)

    assert not wrong, wrong
