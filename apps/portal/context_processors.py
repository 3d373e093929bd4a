from apps.portal.navigation import menu_for
from apps.portal.policies import POLICY_PAGES


def navigation(request):
    # The footer of every page links to the website's help, contact and policy pages.
    return {"nav_items": menu_for(request.user), "policy_pages": POLICY_PAGES}
