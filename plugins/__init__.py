"""doclint's built-in plugins, one module (or subpackage) per rule family.

Each is declared as an entry point of the ``doclint`` distribution in the group
``doclint``, so it loads, lists and can be disabled exactly like a third-party plugin.
"""
