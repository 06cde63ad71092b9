ready = True
raise ValueError("broken on import")
