"""Drift monitoring of the X-rays the service receives: non-identifying request features, a rotated SQLite store,
references built from real radiographs (or DRRs), permutation-MMD/KS/PSI drift tests, HTML reports and Prometheus
gauges."""
