"""Every page that names a child's record writes the access log, so that a new one cannot forget
to: each id-taking URL's view reaches `record_access` (directly or through a helper such as
`record_export` or matching's `record_pair_access`), or is listed below with the reason it need
not. What each logging view writes is shown by the other tests of this folder."""

from tests.refused_side import id_taking_urls

from .reached import reached_by, url_views

# Django admin opens only for the national administrator (superuser, staff and two factors);
# what an administrator changes there is kept in the records' history.
NOT_LOGGED_NAMESPACES = {"admin"}

NOT_LOGGED = {
    # No child in them: the public directory, the officials of a unit, the figures of dashboards,
    # digests and compliance (case numbers and hours late, no particulars), a password reset
    # token, CAPTCHA challenges, the blank bulk template and the public report form.
    "directory:state",
    "directory:state_districts",
    "directory:district",
    "directory:unit",
    "accounts:unit_officials",
    "accounts:password_reset_confirm",
    "dashboards:state",
    "dashboards:district",
    "dashboards:drive",
    "alerts:district_digest",
    "compliance:state",
    "compliance:district",
    "compliance:unit",
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    "bulk:template",
    "citizens:report",
    # An upload's or a PFIF file's progress and counts, seen by the unit that sent it.
    "bulk:status",
    "bulk:progress",
    "pfif:import_status",
    "pfif:import_progress",
    "api:pfif_import",
    # The citizen's own complaint or data request, in the browser that sent it, and the SMS
    # links that stop messages (a case number and a signature, nothing else shown).
    "citizens:verify",
    "citizens:case",
    "citizens:my_data_verify",
    "citizens:stop_search",
    "citizens:stop_family_sms",
    "grievances:confirm",
    # Forms of the record's own unit or care team that lead to a write: the record was opened
    # (and logged) on its page first, and what the form saves is kept in the record's history
    # with who saved it.
    "reports:edit",
    "reports:change_status",
    "reports:add_note",
    "reports:record_consent",
    "reports:withdraw_consent",
    "reports:act_on_outcome_request",
    "care:add_entry",
    "care:transfer",
    "care:restore",
    "care:leave",
    "care:runaway",
    "care:act_on_discharge",
    "citizens:convert",
    "citizens:decline",
    "citizens:moderate",
    "citizens:answer_data_request",
    "pfif:accept",
    "pfif:duplicate",
    "pfif:reject",
    "grievances:answer",
}


def _needs_logging(name: str) -> bool:
    return name.split(":")[0] not in NOT_LOGGED_NAMESPACES and name not in NOT_LOGGED


def test_every_view_of_a_record_writes_the_access_log():
    views = url_views()

    silent = [
        name
        for name in sorted(id_taking_urls())
        if _needs_logging(name) and not reached_by(views[name]).calls("record_access")
    ]

    assert not silent, f"these views open a record without logging it: {silent}"


def test_the_list_of_views_that_need_not_log_names_only_silent_views_that_exist():
    views, id_taking = url_views(), id_taking_urls()

    unknown = NOT_LOGGED - set(id_taking)
    logging_anyway = sorted(
        name
        for name in NOT_LOGGED & set(id_taking)
        if reached_by(views[name]).calls("record_access")
    )

    assert not unknown, f"no such id-taking URL: {sorted(unknown)}"
    assert not logging_anyway, f"these log: take them off NOT_LOGGED: {logging_anyway}"


def test_a_view_that_logs_only_through_a_helper_is_seen_to_log():
    """matching:confirm logs through services.confirm_match -> record_pair_access."""
    views = url_views()

    assert reached_by(views["matching:confirm"]).calls("record_access")
    assert not reached_by(views["directory:unit"]).calls("record_access")
