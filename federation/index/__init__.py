"""The cross-region index: own and harvested records, one row each, with provenance."""
