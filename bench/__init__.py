"""The performance benchmark (`make bench`, `make bench-quick`): measurements, not tests."""
