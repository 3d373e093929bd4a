"""The pages every Government of India website carries (GIGW 3.0): help, contact, the
accessibility statement and the website's policies. Each names the day its text last changed,
shown on the page: change `updated` with the text."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PolicyPage:
    # The page's path (/<slug>/), its URL name in the portal's namespace and its template.
    slug: str
    title: str
    updated: date

    @property
    def url_name(self) -> str:
        return f"portal:{self.slug}"

    @property
    def template(self) -> str:
        return f"portal/policies/{self.slug}.html"


# In the footer's order: what a visitor needs first (help, whom to call) before the policies.
POLICY_PAGES = [
    PolicyPage("help", _("Help"), date(2026, 12, 4)),
    PolicyPage("contact-us", _("Contact us"), date(2026, 12, 4)),
    PolicyPage("accessibility-statement", _("Accessibility statement"), date(2026, 12, 4)),
    PolicyPage("screen-reader-access", _("Screen reader access"), date(2026, 12, 4)),
    PolicyPage("privacy-policy", _("Privacy policy"), date(2026, 12, 4)),
    PolicyPage("terms-of-use", _("Terms of use"), date(2026, 12, 4)),
    PolicyPage("copyright-policy", _("Copyright policy"), date(2026, 12, 4)),
    PolicyPage("hyperlinking-policy", _("Hyperlinking policy"), date(2026, 12, 4)),
    PolicyPage("website-policies", _("Website policies"), date(2026, 12, 4)),
]

POLICY_PAGES_BY_SLUG = {page.slug: page for page in POLICY_PAGES}
