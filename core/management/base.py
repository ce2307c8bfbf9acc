"""What every Samordna command shares (docs/format/kommandon.md): Swedish errors on stderr with a
non-zero exit and no English prefix. The `--forbund SLUG` lookup is organisations.management."""

import sys

from django.core.management.base import BaseCommand, CommandError


class SamordnaCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            # From the shell: only the Swedish message (Django would print "CommandError: …").
            # From call_command (tests, other code): the exception as usual.
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error))
            sys.exit(error.returncode)
