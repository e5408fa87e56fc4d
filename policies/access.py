"""Rows of the access table for the policies app (see kilombero_ict/access.py)."""

ACCESS = {}
