"""The command-line face: `imza`. Thin: parses, asks for the PIN, prints what the engine answers."""
