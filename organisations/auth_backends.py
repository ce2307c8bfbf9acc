from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class SamordnaBackend(ModelBackend):
    """Model backend that refuses demo accounts outside local demo mode."""

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.SAMORDNA_DEMO_LOGINS_ALLOWED:
            return False
        return super().user_can_authenticate(user)
