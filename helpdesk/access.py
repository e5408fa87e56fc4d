"""Rows of the access table for the helpdesk app (see kilombero_ict/access.py)."""

ACCESS = {}
