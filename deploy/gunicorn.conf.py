"""gunicorn for Samordna (docs/drift.md): `gunicorn -c deploy/gunicorn.conf.py samordna.wsgi`.

Every value can be changed with an environment variable in /etc/samordna/env.
"""

import os

# Caddy on the same machine forwards to this address; nothing else should reach it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: an import or a PDF occupies one worker for its duration.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
# An import may take up to 30 s and an annual report as PDF some more.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (a guard against slow leaks). The application
# is loaded once in the master before the workers fork (preload_app), so a new worker starts
# with Django, the URLs and the templates' code already imported instead of paying for them
# again in the middle of the traffic.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
preload_app = True
# X-Forwarded-Proto and -For are trusted only from Caddy on this machine.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Worker heartbeat files go to /tmp, which the unit makes private (PrivateTmp) and writable.
# No runtime control socket: reload with SIGHUP (systemctl reload samordna).
control_socket_disable = True
# Logs to the journal. The path only, not the query string (it may hold search terms).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "samordna"
