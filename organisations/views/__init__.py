"""The organisation pages: the start page and audit log, förbund members and people, login."""
