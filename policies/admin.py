"""Admin registrations of the policies app (the ICT officer's workbench)."""
