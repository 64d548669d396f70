"""Plans under git: git I/O, the semantic diff, revisions, textconv, next year's plan."""
