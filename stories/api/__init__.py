"""The public, read-only API (/api/v1/): the finders' selections as data.

Thin Django REST framework views over the same QuerySets and FilterSets as the reader pages, so
that an API query and the finder page it mirrors list the same published items in the same
order. Nothing here reads an unpublished row: every queryset starts from `published()`.
"""
