"""The performance benchmark behind `manage.py bench`: archive generator, load generator, report."""
