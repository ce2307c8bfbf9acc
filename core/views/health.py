"""/halsa/: for monitoring; open to anyone, so it says only what is ok and what is not."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.health import run_checks


@never_cache
@require_safe
def health(request):
    healthy, results = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "fel", "kontroller": results},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
