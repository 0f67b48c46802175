server "127.0.0.71", user: "deploy", roles: %w{app web}
server "127.0.0.72", user: "deploy", roles: %w{app}
