"""Plans: what a family asks for (options, plan files, the form), checked and resolved into plans."""
