"""What the code behind a URL reaches, read from its compiled code rather than run: the names it
uses and the strings it holds, through the portal's own functions it calls (those of its module
and of the apps' modules it names, as `services.confirm_match`), so that a view logging through
a helper (`record_export`, `record_pair_access`) is seen to log."""

import inspect
from dataclasses import dataclass, field
from types import CodeType, FunctionType, ModuleType

from django.urls import URLResolver, get_resolver

PORTAL_PACKAGE = "apps."


@dataclass
class Reached:
    names: set[str] = field(default_factory=set)
    strings: set[str] = field(default_factory=set)

    def calls(self, name: str) -> bool:
        return name in self.names

    def holds(self, text: str) -> bool:
        return any(text in string for string in self.strings)


def url_views() -> dict[str, object]:
    """Every URL pattern's view, by its qualified name (or route, for an unnamed pattern), named
    as tests.refused_side.id_taking_urls names them."""
    found = {}

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                walk(pattern, route, f"{namespace}:{inner}" if namespace and inner else inner)
            else:
                name = pattern.name or route
                found[f"{namespace}:{name}" if namespace else name] = pattern.callback

    walk(get_resolver(), "", None)
    return found


def reached_by(view) -> Reached:
    reached, seen = Reached(), set()
    for function in _entry_functions(view):
        _visit(function, reached, seen)
    return reached


def _entry_functions(view) -> list[FunctionType]:
    """A function view without its decorators; a class-based view's own methods."""
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is None:
        return [inspect.unwrap(view)]
    return [
        inspect.unwrap(member)
        for klass in view_class.__mro__
        if klass.__module__.startswith(PORTAL_PACKAGE)
        for member in vars(klass).values()
        if isinstance(member, FunctionType)
    ]


def _visit(function: FunctionType, reached: Reached, seen: set) -> None:
    function = inspect.unwrap(function)
    if function in seen or not function.__module__.startswith(PORTAL_PACKAGE):
        return
    seen.add(function)
    names, strings = set(), set()
    _read(function.__code__, names, strings)
    reached.names |= names
    reached.strings |= strings
    scope = function.__globals__
    for name in names:
        target = scope.get(name)
        if isinstance(target, ModuleType) and target.__name__.startswith(PORTAL_PACKAGE):
            for attribute in names:
                _follow(getattr(target, attribute, None), reached, seen)
        else:
            _follow(target, reached, seen)


def _follow(target, reached: Reached, seen: set) -> None:
    if isinstance(target, FunctionType):
        _visit(target, reached, seen)


def _read(code: CodeType, names: set, strings: set) -> None:
    names.update(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):  # a lambda, comprehension or inner function
            _read(constant, names, strings)
        elif isinstance(constant, str):
            strings.add(constant)
        elif isinstance(constant, tuple):  # keyword names of a call, as ("as_attachment",)
            strings.update(item for item in constant if isinstance(item, str))
