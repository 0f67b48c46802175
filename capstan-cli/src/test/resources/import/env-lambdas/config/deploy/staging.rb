server ENV.fetch("STAGING_HOST", "127.0.0.81"), user: "deploy", roles: %w{app}
