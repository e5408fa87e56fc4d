"""Models of the policies app; see the app's issue for the domain they carry."""
