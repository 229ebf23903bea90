"""Excel at the edges: import templates, validated import, the formatted deliverable."""
