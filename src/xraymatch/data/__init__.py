"""The DRR cache: one shard archive per rendering unit (a CT case, or a case's split slab) plus an index."""

from xraymatch.data.cache import DRRCache, read_shard, write_shard

__all__ = ["DRRCache", "read_shard", "write_shard"]
