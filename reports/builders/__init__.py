"""Builders: a report's data snapshot (reports/services/snapshot.py) in, a Document out.

Builders read only the snapshot, never the database, so an adopted version rebuilt from its
stored snapshot shows the same figures whatever happened to the data since.
"""
