"""The participants pages: insatser, participations and activities (insatser.py), the file
upload and export (files.py), the statistics pages and national export (statistics.py) with
their charts (charts.py)."""
