"""Pictures: plots and network maps drawn from the analyses (never computed here)."""
