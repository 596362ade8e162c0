"""Read a Django admin form out of its HTML, the way a browser would post it back."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self.select: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in SKIPPED_INPUTS:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            else:
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # Browsers drop the newline that follows <textarea>.
            self.data.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None


def admin_form_data(client, url: str) -> dict[str, str | list[str]]:
    """The change form at `url` with every field as it stands, ready to edit and post."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    model = response.context["opts"].model_name
    reader = _FormReader(f"{model}_form")
    reader.feed(response.content.decode())
    data: dict[str, str | list[str]] = {}
    for name, value in reader.data:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)  # the test client does not check it
    return data
