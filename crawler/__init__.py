"""Fetching and discovery: polite HTTP, robots.txt, feeds, sitemaps, listings."""
