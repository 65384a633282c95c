"""Helpers shared by the tests: word comparison and EPUBCheck."""
