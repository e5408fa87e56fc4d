"""Models of the helpdesk app; see the app's issue for the domain they carry."""
