"""The benchmark suite: synthetic corpora (generate), the full run (run), the store comparison (store_choice)."""
