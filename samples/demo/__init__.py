"""The demo förbund of `manage.py load_demo`: forbund.py creates it, members and users, then
calls each domain's loader (settings.SAMORDNA_DEMO_LOADERS) in order."""
