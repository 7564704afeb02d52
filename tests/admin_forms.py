"""Build the POST a browser would send from an admin change form the test client fetched."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone


def form_values(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field, forms.FileField) or value is None:
            continue
        if isinstance(field.widget, forms.SplitDateTimeWidget) or isinstance(
            value, datetime.datetime
        ):
            if isinstance(value, list):
                value = [part for part in value if part]
                if not value:
                    continue
                data[f"{bound.html_name}_0"], data[f"{bound.html_name}_1"] = value
                continue
            if isinstance(value, datetime.datetime):
                local = timezone.localtime(value)
                data[f"{bound.html_name}_0"] = f"{local:%Y-%m-%d}"
                data[f"{bound.html_name}_1"] = f"{local:%H:%M:%S}"
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, (list, tuple)):
            items = [getattr(item, "pk", item) for item in value]
            if name == "tags":
                data[bound.html_name] = ", ".join(str(getattr(i, "name", i)) for i in value)
            else:
                data[bound.html_name] = items
            continue
        data[bound.html_name] = getattr(value, "pk", value)
    return data


def change_form_data(response, **changes) -> dict:
    """The change form's current values (main form and inlines), with some fields changed."""
    context = response.context
    data = form_values(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data
