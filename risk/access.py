"""Rows of the access table for the risk app (see kilombero_ict/access.py)."""

ACCESS = {}
