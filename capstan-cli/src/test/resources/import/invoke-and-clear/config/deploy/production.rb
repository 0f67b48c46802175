server "127.0.0.151", user: "deploy", roles: %w{app}
