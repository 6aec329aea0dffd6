"""`ocop-news report`: one self-contained HTML file of charts and their tables."""
