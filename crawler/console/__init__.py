"""The review console (``simwatch serve``): search, review, takedowns and runs in a browser.

``app.create_app`` builds the FastAPI application; ``users`` holds accounts and roles;
``reviews`` stores decisions and turns them into labelled examples and precision figures.
"""
