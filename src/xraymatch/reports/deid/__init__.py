"""Rule-based French/English de-identification of radiology reports.

detector.detect(text, lang) finds identifier spans (patterns with checksums, context rules, name lexicons, eponym
protection); surrogates replace them with typed fakes (consistent names, per-patient HMAC date shift);
pipeline.deidentify / deidentify_jsonl are the entry points used by `xraymatch deid`.
"""
