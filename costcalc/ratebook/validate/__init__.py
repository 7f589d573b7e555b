"""Validation of a rates folder: the shape of each file, the values each may hold, and what they refer to.

``costcalc.ratebook.validate.folder.inspect`` reads a folder and lists every problem; ``load_rates``
refuses a folder with the first of them and ``check_rates`` lists them all, so both apply one
validation. ``shape`` and ``specs`` say what each file's TOML must look like (the parsers check it
before reading); ``values`` what the assumptions may be; ``references`` what the files must agree on.
"""
