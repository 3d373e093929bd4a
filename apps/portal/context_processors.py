from apps.portal.navigation import menu_for


def navigation(request):
    return {"nav_items": menu_for(request.user)}
