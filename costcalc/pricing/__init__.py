"""Pricing: plans against the rate book, line by line, into estimates, itineraries and likely costs."""
