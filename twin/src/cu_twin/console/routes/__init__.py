"""The console's HTTP routes (GET only), one module per area of the console."""
