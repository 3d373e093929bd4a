"""Phonetic keys for children's names in Latin and Indian scripts, and the districts and
States/UTs named in a child's words (pure Python, no Django)."""
