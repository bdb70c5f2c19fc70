"""Full-text search over recommendations, actions, owners and update commentary (PostgreSQL or SQLite FTS5)."""
