"""The demo corpus: reports written for Tawthiq in its own words (see README.md here)."""
