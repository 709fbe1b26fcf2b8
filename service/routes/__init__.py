"""One router module per resource, included by service.app.create_app."""
