#!/usr/bin/env python
"""Django's command-line utility; `peerplan` (installed) does the same."""

from peerplan.cli import main

if __name__ == "__main__":
    main()
