"""Face encodings for children's photos, and nearest-face search (pure Python, no Django)."""
