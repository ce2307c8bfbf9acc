from django.shortcuts import render

from organisations.access import SAFE_METHODS, forbund_view
from organisations.services.search import MIN_LENGTH, normalise, search


@forbund_view("forbund.view", methods=SAFE_METHODS)
def search_page(request):
    """The header search's results: only what the user's role and insatser let them see."""
    query = normalise(request.GET.get("q", ""))
    sections = search(request, query)
    return render(
        request,
        "organisations/search.html",
        {
            "search_query": query,
            "sections": sections,
            "too_short": 0 < len(query) < MIN_LENGTH,
            "min_length": MIN_LENGTH,
        },
    )
