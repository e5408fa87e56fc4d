"""Admin registrations of the risk app (the ICT officer's workbench)."""
