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


def fill(form, **changes):
    """Type into the form's inputs; a select's option the page did not render (an autocomplete
    box renders only the chosen ones) is forced, as the autocomplete's script would add it."""
    for name, value in changes.items():
        if isinstance(value, (list, tuple)):
            form[name].force_value([str(item) for item in value])
        elif isinstance(value, bool):
            form[name] = value
        else:
            try:
                form[name] = str(value)
            except ValueError:
                form[name].force_value(str(value))
    return form


def save(form, *, user: str, button: str = "_continue"):
    return form.submit(button, user=user)


def errors_on(page) -> str:
    return " ".join(e.text for e in page.html.select(".errornote, .errorlist"))


def save_changes(app, obj, *, user: str, **changes):
    """Open obj's change page, type the changes, save; assert it was saved."""
    response = save(fill(change_form(app, obj, user=user), **changes), user=user)
    assert response.status_code == 302, errors_on(response)
    return response


def press(form, step: str, *, user: str):
    """Press a workflow button of a change form; return the page shown after it."""
    response = form.submit("_workflow", value=step, user=user)
    return response.follow() if response.status_code == 302 else response


def take_step(app, obj, step: str, *, user: str, comment: str = "", at: str = ""):
    """Open obj's change page and press a workflow button; return the page shown after it."""
    form = change_form(app, obj, user=user)
    if comment:
        form["_workflow_comment"] = comment
    if at:
        form["_workflow_at"] = at
    return press(form, step, user=user)


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
