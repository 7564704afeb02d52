"""Use the admin's pages as a person does: open the rendered page, fill its form, press a button.

django-webtest submits exactly the inputs the page renders (hidden ones included), so a test of
a promise fails as a browser would when the page leaves an input out.
"""

from __future__ import annotations

from django.urls import reverse


def change_url(obj) -> str:
    return reverse(f"admin:stories_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model: str = "story") -> str:
    return reverse(f"admin:stories_{model}_changelist")


def change_form(app, obj, *, user: str):
    """The change form of obj as `user` gets it."""
    return app.get(change_url(obj), user=user).forms[f"{obj._meta.model_name}_form"]


def save(form, *, user: str, button: str = "_continue"):
    return form.submit(button, user=user)


def take_step(app, obj, step: str, *, user: str, comment: str = "", at: str = ""):
    """Press a workflow button on obj's change page; return the page shown after it."""
    form = app.get(change_url(obj), user=user).forms["workflow-form"]
    if comment:
        form["comment"] = comment
    if at:
        form["at"] = at
    return form.submit("action", value=step, user=user).follow()


def form_with_button(page, name: str, value: str):
    """The form on the page that has a button `name` with `value`."""
    for key, form in page.forms.items():
        if isinstance(key, int) and any(
            getattr(field, "_value", None) == value for field in form.fields.get(name, [])
        ):
            return form
    raise LookupError(f"No button {name}={value} on the page")


def bulk(app, model: str, action: str, objects, *, user: str):
    """Tick objects in the list, choose a bulk action and run it; return the list after it."""
    form = app.get(changelist_url(model), user=user).forms["changelist-form"]
    form["action"] = action
    wanted = {str(obj.pk) for obj in objects}
    for checkbox in form.fields["_selected_action"]:
        checkbox.checked = checkbox._value in wanted
    return form.submit("index", user=user).follow()


def messages_on(page) -> list[str]:
    return [item.text.strip() for item in page.html.select("ul.messagelist li")]
