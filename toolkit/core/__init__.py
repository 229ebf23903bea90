"""The core of Maillage: errors, French labels and formats, the model, the store and its
migrations, the workshop folder. Everything else builds on it; it imports nothing above it."""
