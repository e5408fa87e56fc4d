"""Kilombero ICT Portal: project settings and the shared organisation layer."""
