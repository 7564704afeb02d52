"""Import a weekly digest from pasted text: find its stories, then suggest their organizations,
places, themes and deadlines for an editor to review.

`analysis.analyse(text)` reads without writing (the admin's review screen and `manage.py
import_digest --dry-run` show it); `services.digest_import` saves what the editor confirmed.
"""
