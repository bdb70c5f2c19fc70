"""The plan manager's pages: reviews, the plan editor, approval and revised due dates.

Thin views: check permission (accounts.permissions), validate with a form, call one service, redirect.
"""
