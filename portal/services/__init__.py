"""Use cases: transactions and rules around the models. No request, session or g here."""
