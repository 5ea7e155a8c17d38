"""Plain data types and user-facing errors shared by every engine package and face.

No Qt and no I/O here.
"""
