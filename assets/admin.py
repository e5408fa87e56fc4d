"""Admin registrations of the assets app (the ICT officer's workbench)."""
