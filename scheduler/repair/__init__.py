"""`scheduler repair`: a published roster changed as little as possible (`run`), the change list (`changelist`)."""
