"""CT ingestion: canonical volumes, label maps and the manifest under data/ct/."""
