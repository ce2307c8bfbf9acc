from django.apps import apps
from django.urls import NoReverseMatch, reverse

from organisations.roles import has_capability


def navigation(request):
    """Navigation of the current förbund: each app's entries the user's role may see."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    entries = []
    # The domain apps in settings order, then core's own entries (the audit log) last.
    configs = sorted(apps.get_app_configs(), key=lambda config: config.name == "core")
    for config in configs:
        for label, url_name, capability in getattr(config, "navigation", ()):
            if not has_capability(membership.role, capability):
                continue
            try:
                url = reverse(url_name, kwargs={"forbund": membership.forbund.slug})
            except NoReverseMatch:
                continue
            entries.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return {"nav_entries": entries, "forbund": membership.forbund, "membership": membership}
