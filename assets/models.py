"""Models of the assets app; see the app's issue for the domain they carry."""
