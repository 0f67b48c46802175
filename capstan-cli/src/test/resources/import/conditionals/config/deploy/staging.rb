server "127.0.0.141", user: "deploy", roles: %w{app web}
