"""Phonetic keys for children's names in Latin and Indian scripts (pure Python, no Django)."""
