"""The rows of a list of actions come from ui/cells.py; this name stays for the views that import it."""

from peerplan.ui.cells import ACTION_HEAD, action_rows

__all__ = ["ACTION_HEAD", "action_rows"]
