"""Admin registrations of the helpdesk app (the ICT officer's workbench)."""
