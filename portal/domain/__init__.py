"""The domain: pure Python, no Flask, no SQLAlchemy. Facts in, results out."""
