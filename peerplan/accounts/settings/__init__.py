"""The council's settings pages (/settings/<council>/…): RAG words and rule, committees, branding, people.

Thin views: permissions.can_manage_organisation decides; accounts.services writes.
"""
