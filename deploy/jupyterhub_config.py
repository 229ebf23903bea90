"""JupyterHub configuration of a Maillage hub (one machine; see deploy/z2jh/ for Kubernetes).

    jupyterhub -f deploy/jupyterhub_config.py

- consultants log in (authenticator of MAILLAGE_HUB_AUTHENTIFICATION, PAM by default) and
  get JupyterLab on the carnets, for the workshop they choose when starting a server;
- every workshop folder of MAILLAGE_HUB_ATELIERS (store in PostgreSQL) is served to its
  participants by its own Voilà, a managed hub service at /services/atelier-<folder>/,
  opened with each participant's token link.

Every setting is a MAILLAGE_HUB_* environment variable (README, « Déploiement »); the
logic is in toolkit/hub.py. A site adds its own settings in a second file that starts
with ``load_subconfig("…/deploy/jupyterhub_config.py")``.
"""
from toolkit.hub import configure, settings_from_env

c = get_config()  # noqa: F821 - provided by JupyterHub
configure(c, settings_from_env())
