"""Reading the menu a page was rendered with, for the stories of several apps."""

from apps.portal.navigation import MenuGroup


def menu_links(response) -> dict[str, str]:
    """Every page the menu offers, groups opened: label → address, in the order shown."""
    return {
        str(item.label): item.url
        for entry in response.context["nav_items"]
        for item in (entry.items if isinstance(entry, MenuGroup) else (entry,))
    }


def menu_bar(response) -> list[str]:
    """The labels of the menu bar itself: pages and groups."""
    return [str(entry.label) for entry in response.context["nav_items"]]
