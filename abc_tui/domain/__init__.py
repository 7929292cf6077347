"""Pure-Python domain logic: money, Thai dates and digits, categories, validation errors.

Nothing here imports textual or peewee.
"""
