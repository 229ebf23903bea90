"""Maillage : ateliers de diagnostic et de staffing pour les projets de territoire."""
__version__ = "0.1.0"
