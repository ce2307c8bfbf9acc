from organisations.navigation import build_menu


def navigation(request):
    """The current förbund's menu (organisations/navigation.py) for the member's role."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {
        "menu": build_menu(request, membership),
        "forbund": membership.forbund,
        "membership": membership,
    }
