# nothing stage-specific
