"""Rina, a girl from Nepal found at Bhubaneswar railway station by the Capital police station,
and the children's home that may take her in."""

import pytest

from apps.reports.models import Report


@pytest.fixture
def rina_found(file_found, officer) -> Report:
    """Rina's found report, filed by the Capital police station, saying she is from Nepal."""
    return file_found(
        officer,
        full_name="Rina Tamang",
        told_home_place="Hetauda, Nepal",
        told_language="",
        nationality="NP",
        placement="not_placed",
        placed_at=None,
        cwc_order_reference="",
    )
