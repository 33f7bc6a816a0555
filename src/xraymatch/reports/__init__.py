"""Report corpora: French/English report generation, de-identification, corpus building and tokenisation."""
