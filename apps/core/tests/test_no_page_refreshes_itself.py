"""No page refreshes or redirects itself on a timer (WCAG 2.1 failure F41): a user reading it
with a screen reader or a magnifier would lose their place. Background work shows its progress
with a bar instead (apps/core/progress.py)."""

import re
from pathlib import Path

from django.conf import settings

META_REFRESH = re.compile(r"http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)


def test_no_template_has_a_meta_refresh():
    templates = [
        *Path(settings.BASE_DIR, "templates").rglob("*.html"),
        *Path(settings.BASE_DIR, "apps").rglob("templates/**/*.html"),
    ]

    assert len(templates) > 50
    assert [str(path) for path in templates if META_REFRESH.search(path.read_text())] == []
