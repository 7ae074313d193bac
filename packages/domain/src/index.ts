// The policy's rules, free of I/O. Each area exports from its own folder.
