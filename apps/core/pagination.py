"""One page of a list, plus the query string that keeps the filters on every page link."""

from django.core.paginator import Page, Paginator


def paginate(request, items, per_page: int) -> tuple[Page, str]:
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


class CountCapped:
    """A queryset whose count stops at `cap + 1`, for the Paginator: counting every match of a
    broad search over millions of rows costs more than the page itself, so a list beyond `cap`
    says "more than" and its pages go as far as the count."""

    def __init__(self, queryset, cap: int):
        self.queryset, self.cap = queryset, cap

    def count(self) -> int:
        return self.queryset.order_by()[: self.cap + 1].count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        return self.queryset[key]
