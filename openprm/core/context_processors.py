"""Navigation for the layouts: which sections the signed-in user may open.

Apps declare their menu entries in their AppConfig as `nav_items`
(label, url name, privilege or None, the area: "internal" by default or
"portal", an `order`: lower first, equal orders in INSTALLED_APPS order,
and an `icon`: a name from the design system's icon set); this keeps both
layouts free of app knowledge, so the portal menu is whatever the installed
apps contribute to it.

An entry naming a `group` shows in that group's drop-down rather than on
the menu bar, so a menu many apps add to stays one row. An app declares
the group in its AppConfig's `nav_groups` (key, label, icon, area, order);
entries of several apps may share it. A group the user may open a single
entry of shows that entry alone.

An entry is current when the page's address starts with the entry's; a
page whose address lies elsewhere (an installed asset, reached from the
service profile) names its entry as `nav_entry` (core/views/generic.py).
"""

from operator import itemgetter
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from openprm.core.privileges import has_privilege


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_active:
        return {"nav_items": [], "admin_nav_items": []}
    area = "portal" if actor.is_partner else "internal"
    path = getattr(request, "nav_path", request.path)
    main: list[dict[str, Any]] = []
    admin: list[dict[str, Any]] = []
    for app_config in apps.get_app_configs():
        for item in getattr(app_config, "nav_items", ()):
            if item.get("area", "internal") != area:
                continue
            privilege = item.get("privilege")
            if privilege and not has_privilege(actor, privilege):
                continue
            try:
                url = reverse(item["url"])
            except NoReverseMatch:
                continue
            entry = {
                "label": item["label"],
                "url": url,
                "icon": item.get("icon", "point"),
                "active": path.startswith(url),
                "order": item.get("order", 0),
                "group": item.get("group", ""),
            }
            (admin if item.get("admin") else main).append(entry)
    _nearest_active(main)
    _nearest_active(admin)
    main = _grouped(main, area)
    main.sort(key=itemgetter("order"))
    admin.sort(key=itemgetter("order"))
    return {"nav_items": main, "admin_nav_items": admin}


def _nearest_active(entries: list[dict[str, Any]]) -> None:
    """One entry is current: of `/programs/` and `/programs/partnerships/`,
    the longer address the path starts with."""
    active = [entry for entry in entries if entry["active"]]
    nearest = max(active, key=lambda entry: len(entry["url"]), default=None)
    for entry in active:
        entry["active"] = entry is nearest


def _declared_groups(area: str) -> dict[str, dict[str, Any]]:
    return {
        group["key"]: group
        for app_config in apps.get_app_configs()
        for group in getattr(app_config, "nav_groups", ())
        if group.get("area", "internal") == area
    }


def _grouped(entries: list[dict[str, Any]], area: str) -> list[dict[str, Any]]:
    """The menu bar: ungrouped entries as they are, each group as one entry
    holding its `children` (in their order), current when one of them is."""
    declared = _declared_groups(area)
    members: dict[str, list[dict[str, Any]]] = {}
    bar: list[dict[str, Any]] = []
    for entry in entries:
        key = entry["group"]
        if not key:
            bar.append(entry)
            continue
        if key not in declared:
            url = entry["url"]
            raise ImproperlyConfigured(f"The menu entry {url} names an undeclared group {key!r}.")
        members.setdefault(key, []).append(entry)
    for key, children in members.items():
        children.sort(key=itemgetter("order"))
        if len(children) == 1:
            bar.append(children[0])
            continue
        group = declared[key]
        bar.append(
            {
                "label": group["label"],
                "key": key,
                "icon": group.get("icon", "point"),
                "order": group.get("order", min(child["order"] for child in children)),
                "active": any(child["active"] for child in children),
                "children": children,
            }
        )
    return bar
