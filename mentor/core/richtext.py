"""Rich text typed by users (a call's description…): what reaches a page is what nh3 keeps of it, a short list
of harmless tags and the links' addresses over http(s) or mailto, never a script, a style or an event handler."""

import nh3

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote"}
ATTRIBUTES = {"a": {"href", "title"}}


def sanitise(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    ).strip()
