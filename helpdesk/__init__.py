"""Support tickets filed by department staff and worked by the ICT team to SLAs, with a knowledge base and service status."""
