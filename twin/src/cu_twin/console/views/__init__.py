"""Pure view models: client models in, what the templates show out. No I/O, no clock."""
