"""Versioned ICT policies published to the public, and the acknowledgements staff give for them."""
