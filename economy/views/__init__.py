"""The economy pages: what economy.view may read (read.py) and what economy.manage may change
(manage.py: the SIE upload, the mapping overrides, settings and data the books do not hold)."""
