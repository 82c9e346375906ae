"""Ownership and control: who owns whom, the authorities' rules, derived designations.

Pure: `reading` turns an ownership file into parties and holdings (with per-row problems),
`graph` compiles the holdings in force on a day, `rules` names each authority's rule and
`derive` computes the entities a rule blocks without any list naming them.
"""
