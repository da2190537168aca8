"""Versioned data files: municipalities, figures, municipal rules, messages."""
