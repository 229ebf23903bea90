"""ipywidgets forms and boards used by the Voilà pages and the carnets."""
