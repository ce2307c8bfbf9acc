from organisations.roles import has_capability


def can_manage(request) -> bool:
    """Whether the page shows its edit links (the views enforce the capability themselves)."""
    return has_capability(request.membership.role, "economy.manage")
