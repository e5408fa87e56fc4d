"""Rows of the access table for the assets app (see kilombero_ict/access.py)."""

ACCESS = {}
