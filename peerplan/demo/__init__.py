"""The fictional demo council (Kestrel Vale) and the generator of large data for benchmarks."""
