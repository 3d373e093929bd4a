from django import forms


class StateSelect(forms.Select):
    """A State/UT list whose options carry their LGD code, by which the district list beside it
    fetches that State/UT's districts (static/js/trackchild.js)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        state = getattr(value, "instance", None)
        if state is not None:
            option["attrs"]["data-lgd-code"] = state.lgd_code
        return option
