"""The Qt face. The only package that imports PySide6; long work runs in workers."""
