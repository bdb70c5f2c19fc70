"""The progress pages: home, review dashboard, the plan (read), My actions, posting updates and search.

Thin views: check permissions.py, call a selector or service with today's date, render.
"""
