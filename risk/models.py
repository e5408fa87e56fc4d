"""Models of the risk app; see the app's issue for the domain they carry."""
