server "127.0.0.121", user: "deploy", roles: %w{app}
