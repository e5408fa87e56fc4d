#!/usr/bin/env python
"""Django's command-line utility for the Kilombero ICT Portal."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kilombero_ict.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError:
        sys.exit("Django is not installed in this Python. Run `make run` (it creates .venv) or activate .venv first.")
    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        # Configuration mistakes get one sentence, not a traceback.
        from kilombero_ict.settings_errors import is_settings_error

        if is_settings_error(exc):
            sys.exit(f"Configuration error: {exc}")
        raise


if __name__ == "__main__":
    main()
