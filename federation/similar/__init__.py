"""Similar projects: the actions nearest to an action or a description, each with its reasons."""
